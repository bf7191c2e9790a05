/**
 * The demo-only data route, answered in the worker before the ChatKit handler, on the page's fetch
 * shim like the settings route: `GET` exports every thread, item and file of the user as one JSON
 * file (the library's export format), `POST` imports such a file, `DELETE` deletes everything. The
 * store does the work (`exportData`, `importData`, `deleteAll`); this only turns it into HTTP.
 */
import { ExportFormatError, type DataControl, type ImportSummary } from 'chatkit-local';
import { DATA_PATH } from '../../data-paths.ts';
import { json, methodNotAllowed } from '../json-response.ts';

/** Whether `request` is for the data route. */
export function isDataRequest(request: Request): boolean {
  return new URL(request.url).pathname === DATA_PATH;
}

/** Answers a request for the data route on `store`, in `context`'s scope. */
export async function handleDataRequest<TContext>(
  request: Request,
  store: DataControl<TContext>,
  context: TContext,
): Promise<Response> {
  switch (request.method) {
    case 'GET': {
      const data = await store.exportData(context);
      const day = new Date().toISOString().slice(0, 10);
      return new Response(JSON.stringify(data), {
        headers: {
          'content-type': 'application/json',
          'cache-control': 'no-store',
          'content-disposition': `attachment; filename="chatkit-local-demo-${day}.json"`,
        },
      });
    }
    case 'POST': {
      let summary: ImportSummary;
      try {
        summary = await store.importData(await request.blob(), context);
      } catch (error) {
        if (error instanceof ExportFormatError) return json(400, { error: 'invalid_request', message: error.message });
        throw error;
      }
      return json(200, summary);
    }
    case 'DELETE':
      await store.deleteAll(context);
      return new Response(null, { status: 204 });
    default:
      return methodNotAllowed(request.method, ['GET', 'POST', 'DELETE']);
  }
}
