/**
 * IATI activity XML (2.01–2.03) → `ProjectRecord`s, streamed: bytes are decoded and fed to saxes as
 * they arrive, each `<iati-activity>` is built as a small tree, mapped and yielded as soon as its end
 * tag is parsed, then dropped. The whole document is never in memory.
 */
import { SaxesParser } from 'saxes';
import type { ImportIssue, Reader, ReaderOptions, ReadItem } from '../types.ts';
import { type FileContext, isoDate, mapActivity } from './activity.ts';
import { normaliseLanguage, type XmlElement } from './tree.ts';

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

const ROOT = 'iati-activities';
const ACTIVITY = 'iati-activity';
const SUPPORTED_VERSIONS = new Set(['2.01', '2.02', '2.03']);

/** Thrown inside saxes handlers to stop the file; turned into the one `fatal` item. */
class FatalError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

export const readIati: Reader = (input, options) => read(input, options);

async function* read(input: AsyncIterable<Uint8Array>, options: ReaderOptions): AsyncGenerator<ReadItem> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const parse = new ActivityStream(options.fileName);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bytes = 0;
  try {
    for await (const chunk of input) {
      if (bytes === 0) refuseOtherEncodings(chunk);
      bytes += chunk.byteLength;
      if (bytes > maxBytes) {
        yield* parse.drain();
        yield {
          kind: 'fatal',
          message: `File is larger than the limit of ${maxBytes} bytes; not read further`,
        };
        return; // leaving the loop closes the input stream
      }
      parse.write(decode(decoder, chunk, parse.line));
      yield* parse.drain();
    }
    if (bytes === 0) throw new FatalError('File is empty');
    parse.write(decode(decoder, undefined, parse.line));
    parse.close();
    yield* parse.drain();
  } catch (error) {
    yield* parse.drain();
    if (!(error instanceof FatalError)) throw error;
    yield { kind: 'fatal', message: error.message, ...(error.line ? { at: { line: error.line } } : {}) };
  }
}

function decode(decoder: TextDecoder, chunk: Uint8Array | undefined, line: number): string {
  try {
    return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
  } catch {
    throw new FatalError(`File is not valid UTF-8 (invalid byte sequence after line ${line})`, line);
  }
}

/** A clearer reason than "not UTF-8" for files that say what they are. */
function refuseOtherEncodings(first: Uint8Array): void {
  if ((first[0] === 0xff && first[1] === 0xfe) || (first[0] === 0xfe && first[1] === 0xff)) {
    throw new FatalError('File is UTF-16; IATI files must be UTF-8', 1);
  }
  const prolog = new TextDecoder('latin1').decode(first.subarray(0, 200));
  const declared = /^(?:\uFEFF|ï»¿)?<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/.exec(prolog)?.[1];
  if (declared && !/^(utf-?8|us-ascii|ascii)$/i.test(declared)) {
    throw new FatalError(`File declares encoding "${declared}"; IATI files must be UTF-8`, 1);
  }
}

/** The saxes side: builds one activity at a time and queues what it yields. */
class ActivityStream {
  private readonly parser = new SaxesParser({ xmlns: false, position: true });
  private readonly queue: ReadItem[] = [];
  private readonly stack: XmlElement[] = [];
  private readonly seen = new Set<string>();
  private depth = 0;
  private startLine = 1;
  private file: FileContext;

  constructor(fileName: string) {
    this.file = { fileName, rootLang: undefined, generated: undefined };
    const p = this.parser;
    p.on('error', (err) => {
      // saxes prefixes its message with line:column; the line goes into `at` instead.
      throw new FatalError(`XML is not well-formed: ${err.message.replace(/^\d+:\d+:\s*/, '')}`, p.line);
    });
    p.on('doctype', () => {
      // saxes never expands entities; refusing any DOCTYPE also refuses entity bombs and external entities.
      throw new FatalError('DOCTYPE/entities are not allowed', p.line);
    });
    p.on('opentagstart', () => {
      this.startLine = p.line;
    });
    p.on('opentag', (tag) => this.openTag(tag.name, tag.attributes));
    p.on('closetag', () => this.closeTag());
    p.on('text', (text) => this.text(text));
    p.on('cdata', (text) => this.text(text));
  }

  get line(): number {
    return this.parser.line;
  }

  write(text: string): void {
    if (text) this.parser.write(text);
  }

  close(): void {
    this.parser.close();
  }

  *drain(): Generator<ReadItem> {
    while (this.queue.length > 0) {
      const item = this.queue.shift();
      if (item) yield item;
    }
  }

  private openTag(name: string, attrs: Record<string, string>): void {
    this.depth++;
    if (this.depth === 1) {
      this.openRoot(name, attrs);
      return;
    }
    const parent = this.stack.at(-1);
    if (!parent && (this.depth > 2 || name !== ACTIVITY)) {
      // Outside an activity: only <iati-activity> children of the root are read.
      if (this.depth === 2) {
        this.issue({
          severity: 'warning',
          at: { line: this.startLine },
          message: `<${name}> is not an <${ACTIVITY}>; skipped`,
        });
      }
      return;
    }
    const el: XmlElement = { name, attrs, children: [], text: '', line: this.startLine };
    parent?.children.push(el);
    this.stack.push(el);
  }

  private openRoot(name: string, attrs: Record<string, string>): void {
    if (name !== ROOT) {
      const hint = name === 'iati-organisations' ? ' (this is an IATI organisation file)' : '';
      throw new FatalError(`Root element is <${name}>, expected <${ROOT}>${hint}`, this.startLine);
    }
    const version = attrs.version?.trim();
    if (version?.startsWith('1.')) {
      throw new FatalError(`IATI 1.x is not supported (version="${version}")`, this.startLine);
    }
    if (!version || !SUPPORTED_VERSIONS.has(version)) {
      this.issue({
        severity: 'warning',
        at: { line: this.startLine },
        field: `${ROOT}/@version`,
        message: version
          ? `unknown IATI version "${version}"; read as 2.03`
          : 'no IATI version on the root; read as 2.03',
      });
    }
    this.file = {
      ...this.file,
      rootLang: normaliseLanguage(attrs['xml:lang']),
      generated: isoDate(attrs['generated-datetime']),
    };
  }

  private closeTag(): void {
    this.depth--;
    const el = this.stack.pop();
    if (!el || this.stack.length > 0) return;
    // The activity is complete: map it, queue the result and let the tree go.
    const { record, issues } = this.map(el);
    for (const issue of issues) this.queue.push({ kind: 'issue', issue });
    if (!record) return;
    const key = record.iatiIdentifier ?? '';
    if (this.seen.has(key)) {
      this.issue({
        recordKey: key,
        severity: 'error',
        at: { line: el.line },
        field: 'iati-identifier',
        message: `iati-identifier ${key} appears twice in the file; the second is not imported`,
      });
      return;
    }
    this.seen.add(key);
    this.queue.push({ kind: 'record', record });
  }

  /** One activity's mapping failing (a bug, not the file) rejects that activity, not the file. */
  private map(el: XmlElement): ReturnType<typeof mapActivity> {
    try {
      // A copy: strings cut from the decoded chunks would otherwise keep each whole chunk alive as long
      // as the record (and the identifier in `seen`) lives — the file's size in memory by the end.
      return structuredClone(mapActivity(el, this.file));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const issue: ImportIssue = {
        severity: 'error',
        at: { line: el.line },
        message: `activity could not be read (${message}); not imported`,
      };
      return { record: null, issues: [issue] };
    }
  }

  private text(text: string): void {
    const el = this.stack.at(-1);
    if (el) el.text += text;
  }

  private issue(issue: ImportIssue): void {
    this.queue.push({ kind: 'issue', issue });
  }
}
