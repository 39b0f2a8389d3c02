// Pure helpers of the extension (no `vscode` import), unit-tested in
// src/test/: the settings sent to the server, and the conversion of
// `nianbao check --format json` output into editor diagnostics.

export type Level = 'error' | 'warning' | 'info' | 'hint' | 'off';
export const LEVELS: readonly Level[] = ['error', 'warning', 'info', 'hint', 'off'];

/** The settings the server reads (server/crates/lsp/src/config.rs), always under a
 *  `nianbao` key in `didChangeConfiguration`, bare in `initializationOptions`. */
export interface ServerSettings {
  rules: Record<string, Level>;
  completion: { pinyin: boolean };
  inlayHints: boolean;
}

/** Reads the `nianbao.*` settings through a getter shaped like
 *  `vscode.WorkspaceConfiguration.get`; unknown levels are dropped. */
export function serverSettings(get: <T>(key: string) => T | undefined): ServerSettings {
  const rules: Record<string, Level> = {};
  const raw = get<Record<string, unknown>>('rules') ?? {};
  for (const [code, level] of Object.entries(raw)) {
    if (typeof level === 'string' && (LEVELS as readonly string[]).includes(level)) {
      rules[code] = level as Level;
    }
  }
  return {
    rules,
    completion: { pinyin: get<boolean>('completion.pinyin') === true },
    inlayHints: get<boolean>('inlayHints') !== false,
  };
}

export interface Pos {
  line: number;
  character: number;
}

/** Maps UTF-8 byte offsets of one text to LSP-style positions whose
 *  character is counted in UTF-16 code units (what VS Code uses). Offsets are
 *  clamped to the text; an offset inside a character maps to its start. */
export class ByteIndex {
  private readonly lineStarts: number[] = [0];
  private readonly bytes: Buffer;

  constructor(text: string | Buffer) {
    this.bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    for (let i = 0; i < this.bytes.length; i++) {
      if (this.bytes[i] === 0x0a) this.lineStarts.push(i + 1);
    }
  }

  position(byteOffset: number): Pos {
    const offset = Math.max(0, Math.min(byteOffset, this.bytes.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    let start = this.lineStarts[lo];
    let end = offset;
    // Back up to the first byte of a character.
    while (end > start && (this.bytes[end] & 0xc0) === 0x80 && end < this.bytes.length) end--;
    // VS Code drops a UTF-8 BOM from the document: columns of the first
    // line start after it.
    if (lo === 0 && this.bytes[0] === 0xef && this.bytes[1] === 0xbb && this.bytes[2] === 0xbf) {
      start = Math.min(3, end);
    }
    return { line: lo, character: this.bytes.subarray(start, end).toString('utf8').length };
  }
}

export interface CheckRange {
  byte_start: number;
  byte_end: number;
}

export interface CheckDiagnostic {
  code: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  path: string;
  range: CheckRange;
  related?: { message: string; range: CheckRange }[];
  fix?: { title: string; edits: { new_text: string; range: CheckRange }[] } | null;
}

export interface CheckOutput {
  files: { path: string; diagnostics: CheckDiagnostic[] }[];
  summary?: Record<string, number>;
}

export interface FileDiagnostic {
  code: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  start: Pos;
  end: Pos;
  related: { message: string; start: Pos; end: Pos }[];
}

/** Converts one file's diagnostics of `nianbao check --format json`, applying
 *  the editor's rule levels (`off` drops the diagnostic). */
export function fileDiagnostics(
  diagnostics: CheckDiagnostic[],
  text: string | Buffer,
  rules: Record<string, Level> = {},
): FileDiagnostic[] {
  const index = new ByteIndex(text);
  const out: FileDiagnostic[] = [];
  for (const d of diagnostics) {
    const level = rules[d.code];
    if (level === 'off') continue;
    out.push({
      code: d.code,
      severity: level ?? d.severity,
      message: d.message,
      start: index.position(d.range.byte_start),
      end: index.position(d.range.byte_end),
      related: (d.related ?? []).map((r) => ({
        message: r.message,
        start: index.position(r.range.byte_start),
        end: index.position(r.range.byte_end),
      })),
    });
  }
  return out;
}

/** The summary line shown after a workspace check. */
export function summaryMessage(output: CheckOutput, shown: number): string {
  const files = output.files.length;
  const s = output.summary ?? {};
  const parts = [
    ['error', '错误'],
    ['warning', '警告'],
    ['info', '信息'],
    ['hint', '提示'],
  ]
    .filter(([k]) => (s[k] ?? 0) > 0)
    .map(([k, name]) => `${name} ${s[k]}`);
  if (files === 0) return 'nianbao：工作区中没有 .nianbao 文件';
  if (parts.length === 0) return `nianbao：检查了 ${files} 份报告，没有发现问题`;
  return `nianbao：检查了 ${files} 份报告，${parts.join('，')}（问题面板中列出 ${shown} 条）`;
}

/** Where `nianbao render` writes the HTML of a report. */
export function htmlPathFor(file: string): string {
  return file.replace(/\.nianbao$/i, '') + '.html';
}
