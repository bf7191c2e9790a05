/**
 * The parts of the OpenAI Responses streaming API this bridge reads. The Agents SDK hands raw events
 * over untyped (`RunRawModelStreamEvent.data.event`), and the `openai` package that types them is not
 * a dependency of this library, so the fields used here are spelled out (snake_case, as on the wire).
 * Only what the mapping reads is declared; real events carry more.
 */

/** A citation of an uploaded file (file search). `index` is where the citation sits in the text. */
export interface ResponsesFileCitation {
  type: 'file_citation';
  file_id: string;
  filename?: string | null;
  index: number;
}

/** A citation of a file in a code-interpreter container. */
export interface ResponsesContainerFileCitation {
  type: 'container_file_citation';
  container_id: string;
  file_id: string;
  filename?: string | null;
  start_index: number;
  end_index: number;
}

/** A citation of a web page (web search). */
export interface ResponsesUrlCitation {
  type: 'url_citation';
  url: string;
  title: string;
  start_index: number;
  end_index: number;
}

/** Any annotation of an `output_text` part; types other than the three citations are dropped. */
export type ResponsesAnnotation =
  ResponsesFileCitation | ResponsesContainerFileCitation | ResponsesUrlCitation | { type: string };

/** Text the model wrote, with its annotations. */
export interface ResponsesOutputText {
  type: 'output_text';
  text: string;
  annotations?: readonly ResponsesAnnotation[] | null;
}

/** A refusal in place of text. */
export interface ResponsesRefusal {
  type: 'refusal';
  refusal: string;
}

/** A content part of a message (reasoning text parts are skipped by the mapping). */
export type ResponsesContentPart = ResponsesOutputText | ResponsesRefusal | { type: string };

/** An output item as `response.output_item.added` / `.done` carry it. */
export interface ResponsesOutputItem {
  type: string;
  id?: string;
  /** Message items. */
  content?: readonly ResponsesContentPart[] | null;
  /** Image generation calls, when done: the image in base64. */
  result?: string | null;
}

/** The raw Responses stream events the mapping handles, told apart by `type`. */
export type ResponsesStreamEvent =
  | { type: 'response.output_item.added' | 'response.output_item.done'; item: ResponsesOutputItem }
  | { type: 'response.content_part.added'; item_id: string; content_index: number; part: ResponsesContentPart }
  | { type: 'response.output_text.delta'; item_id: string; content_index: number; delta: string }
  | { type: 'response.output_text.done'; item_id: string; content_index: number; text: string }
  | {
      type: 'response.output_text.annotation.added';
      item_id: string;
      content_index: number;
      annotation: ResponsesAnnotation;
    }
  | { type: 'response.reasoning_summary_text.delta'; item_id: string; summary_index: number; delta: string }
  | { type: 'response.reasoning_summary_text.done'; item_id: string; summary_index: number; text: string }
  | {
      type: 'response.image_generation_call.partial_image';
      item_id: string;
      partial_image_b64: string;
      partial_image_index: number;
    };
