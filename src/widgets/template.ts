/**
 * `.widget` files (exported from widgets.chatkit.studio), as the Python SDK's `WidgetTemplate`
 * reads them: `template` is a Jinja template that renders the widget JSON for some data.
 *
 * Rendering uses `@huggingface/jinja`, an interpreter (no `eval` or `new Function`, so it runs in a
 * Web Worker under a strict CSP) that handles what studio templates use: `{%- set -%}` blocks,
 * whitespace control, Python slices, inline `if`, loops and `tojson`. Two settings follow Python's:
 * Jinja's default whitespace handling (no `trim_blocks`/`lstrip_blocks`), and `StrictUndefined`
 * (using a variable the data lacks is an error, except in `is defined` tests and `default`).
 */
import { Environment, Interpreter, parse, tokenize } from '@huggingface/jinja';
import { formatPath } from '../protocol/parse.ts';
import { WidgetRoot } from '../protocol/widgets.ts';

type Program = ReturnType<typeof parse>;
type Statement = NonNullable<Parameters<Interpreter['evaluate']>[0]>;
type RuntimeValue = ReturnType<Interpreter['evaluate']>;

/** The JSON of a `.widget` file; other keys (`outputJsonPreview`, `encodedWidget`) are ignored. */
export interface WidgetDefinition {
  /** Must be `"1.0"`. */
  version: string;
  /** Display name. */
  name: string;
  /** A Jinja template that renders to widget JSON. */
  template: string;
  /** JSON Schema of the data (kept as {@link WidgetTemplate.dataSchema}; not enforced). */
  jsonSchema?: Record<string, unknown> | undefined;
  [key: string]: unknown;
}

/** Thrown when rendering uses a variable or attribute the data does not have. */
export class UndefinedError extends Error {
  override name = 'UndefinedError';
}

/**
 * A parsed `.widget` template. Parse once, then {@link build} a widget root per data object:
 * ```ts
 * import spec from './channel_message.widget?raw';
 * const template = WidgetTemplate.fromJson(spec);
 * const widget = template.build({ channel: '#general', user: { name: 'Pam' } });
 * ```
 *
 * **Every value from `data` must go through `|tojson`** in the template (`"value": {{ user.name|tojson }}`,
 * never `"value": "{{ user.name }}"`). The template writes JSON as text, and data is usually
 * untrusted (a model's tool arguments, a user's input): inserted without `tojson`, a value such as
 * `x"}, {"type": "Button", "onClickAction": {...` closes the string and adds components of its own,
 * for example a button carrying an action of its choosing. `tojson` quotes and escapes the value.
 * Templates exported by the widget studio already do this; check hand-written ones.
 */
export class WidgetTemplate {
  /** The spec version, always `"1.0"`. */
  readonly version: string;
  /** The template's display name. */
  readonly name: string;
  /** The data's JSON Schema from the file (`{}` when absent). */
  readonly dataSchema: Record<string, unknown>;
  readonly #program: Program;

  /** @throws {Error} for a version other than `"1.0"`, or a template that does not parse. */
  constructor(definition: WidgetDefinition) {
    if (definition.version !== '1.0') throw new Error(`Unsupported widget spec version: ${definition.version}`);
    this.version = definition.version;
    this.name = definition.name;
    this.dataSchema = definition.jsonSchema ?? {};
    try {
      // Jinja's defaults: `trim_blocks` and `lstrip_blocks` off (the library's own `Template` turns them on).
      this.#program = parse(tokenize(definition.template, {}));
    } catch (cause) {
      throw new Error(`Widget template "${this.name}" does not parse: ${(cause as Error).message}`, { cause });
    }
  }

  /** Reads the text of a `.widget` file. */
  static fromJson(text: string): WidgetTemplate {
    return new WidgetTemplate(JSON.parse(text) as WidgetDefinition);
  }

  /**
   * Renders the template with `data`, parses the result as JSON and checks that it is a widget root
   * (`Card`, `ListView` or `Basic`). The root is the JSON exactly as rendered: no defaults added.
   * The check cannot tell injected components from intended ones: the template must insert every
   * data value with `|tojson` (see {@link WidgetTemplate}).
   * @throws {UndefinedError} when the template uses data that is missing.
   * @throws {Error} when the output is not JSON or not a widget root.
   */
  build(data: Record<string, unknown> = {}): WidgetRoot {
    const rendered = this.render(data);
    let json: unknown;
    try {
      json = JSON.parse(rendered);
    } catch (cause) {
      throw new Error(`Widget template "${this.name}" did not render JSON: ${(cause as Error).message}`, { cause });
    }
    const result = WidgetRoot.safeParse(json);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      throw new Error(
        `Widget template "${this.name}" did not render a widget root (${formatPath(issue.path) || 'widget'}: ${issue.message}).`,
        { cause: result.error },
      );
    }
    return result.data;
  }

  /** The template's text output for `data`, before JSON parsing. */
  render(data: Record<string, unknown> = {}): string {
    const environment = new Environment();
    for (const [name, value] of Object.entries(GLOBALS)) environment.set(name, value);
    for (const [name, value] of Object.entries(data)) environment.set(name, value);
    // A template's program always ends in text: Jinja renders its output as one string value.
    return new StrictInterpreter(environment).run(this.#program).value as string;
  }
}

/** The globals Jinja templates expect (the library's `Template` sets the same). */
const GLOBALS: Record<string, unknown> = {
  true: true,
  false: false,
  none: null,
  True: true,
  False: false,
  None: null,
  range,
};

function range(start: number, stop?: number, step = 1): number[] {
  if (stop === undefined) [start, stop] = [0, start];
  if (step === 0) throw new Error('range() step must not be zero');
  const out: number[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(i);
  return out;
}

/**
 * Jinja's `StrictUndefined`: a variable or attribute lookup that finds nothing is an error, unless it
 * sits under an `is defined`/`is undefined` test or a `default` filter, which exist to ask.
 */
class StrictInterpreter extends Interpreter {
  #asking = 0;

  override evaluate(statement: Statement | undefined, environment: Environment): RuntimeValue {
    if (!statement) return super.evaluate(statement, environment);
    const asks = asksWhetherDefined(statement);
    if (asks) this.#asking++;
    try {
      const value = super.evaluate(statement, environment);
      if (value.type === 'UndefinedValue' && this.#asking === 0) {
        if (statement.type === 'Identifier' || statement.type === 'MemberExpression') {
          throw new UndefinedError(`${describe(statement)} is undefined`);
        }
      }
      return value;
    } finally {
      if (asks) this.#asking--;
    }
  }
}

function asksWhetherDefined(statement: Statement): boolean {
  if (statement.type === 'TestExpression') {
    const test = (statement as Statement & { test: { value: string } }).test.value;
    return test === 'defined' || test === 'undefined';
  }
  if (statement.type === 'FilterExpression') {
    const filter = (statement as Statement & { filter: { type: string; value?: string; callee?: { value?: string } } })
      .filter;
    const name = filter.type === 'CallExpression' ? filter.callee?.value : filter.value;
    return name === 'default' || name === 'd';
  }
  return false;
}

/** `user.name`, `items[0]`: the lookup as written, for the error message. */
function describe(statement: Statement): string {
  const node = statement as Statement & {
    value?: unknown;
    object?: Statement;
    property?: Statement & { value?: unknown };
    computed?: boolean;
  };
  if (node.type === 'Identifier') return `'${String(node.value)}'`;
  if (node.type === 'MemberExpression' && node.object && node.property) {
    const object = describe(node.object).replace(/^'|'$/g, '');
    const property = node.property.value;
    if (property === undefined) return `'${object}[…]'`;
    return node.computed ? `'${object}[${JSON.stringify(property)}]'` : `'${object}.${property as string}'`;
  }
  return 'a value';
}
