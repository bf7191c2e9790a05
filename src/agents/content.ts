/**
 * Model output to assistant message content: text parts with their converted annotations, refusals
 * as plain text. Annotations the converter cannot (or chooses not to) convert are dropped.
 */
import type { AssistantMessageContent } from '../protocol/items.ts';
import type { Annotation } from '../protocol/sources.ts';
import type { ResponseStreamConverter } from './response-converter.ts';
import type {
  ResponsesAnnotation,
  ResponsesContainerFileCitation,
  ResponsesContentPart,
  ResponsesFileCitation,
  ResponsesOutputText,
  ResponsesRefusal,
  ResponsesUrlCitation,
} from './responses-types.ts';

/** One Responses annotation as a ChatKit annotation, or null when it has no ChatKit form. */
export async function convertAnnotation(
  annotation: ResponsesAnnotation,
  converter: ResponseStreamConverter,
): Promise<Annotation | null> {
  switch (annotation.type) {
    case 'file_citation':
      return (await converter.fileCitationToAnnotation(annotation as ResponsesFileCitation)) ?? null;
    case 'url_citation':
      return (await converter.urlCitationToAnnotation(annotation as ResponsesUrlCitation)) ?? null;
    case 'container_file_citation':
      return (await converter.containerFileCitationToAnnotation(annotation as ResponsesContainerFileCitation)) ?? null;
    default:
      return null;
  }
}

/**
 * A message content part as assistant content: `output_text` keeps its converted annotations, a
 * `refusal` becomes its text. Null for any other part type (reasoning text, audio...).
 */
export async function convertContent(
  part: ResponsesContentPart,
  converter: ResponseStreamConverter,
): Promise<AssistantMessageContent | null> {
  if (part.type === 'output_text') {
    const text = part as ResponsesOutputText;
    const annotations: Annotation[] = [];
    for (const annotation of text.annotations ?? []) {
      const converted = await convertAnnotation(annotation, converter);
      if (converted) annotations.push(converted);
    }
    return { annotations, text: text.text, type: 'output_text' };
  }
  if (part.type === 'refusal')
    return { annotations: [], text: (part as ResponsesRefusal).refusal, type: 'output_text' };
  return null;
}

/** Every convertible part of a message, in order. */
export async function convertMessageContent(
  parts: readonly ResponsesContentPart[] | null | undefined,
  converter: ResponseStreamConverter,
): Promise<AssistantMessageContent[]> {
  const content: AssistantMessageContent[] = [];
  for (const part of parts ?? []) {
    const converted = await convertContent(part, converter);
    if (converted) content.push(converted);
  }
  return content;
}
