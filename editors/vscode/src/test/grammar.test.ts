// The TextMate grammar, tokenized by the same engine as VS Code
// (vscode-textmate + vscode-oniguruma), on the real examples.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const root = path.resolve(__dirname, '../../../..');
const extension = path.resolve(__dirname, '../..');
let grammar: textmate.IGrammar;

before(async () => {
  const wasm = fs.readFileSync(path.join(path.dirname(require.resolve('vscode-oniguruma')), 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async () => {
      const file = path.join(extension, 'syntaxes/nianbao.tmLanguage.json');
      return textmate.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
    },
  });
  const g = await registry.loadGrammar('text.nianbao');
  assert.ok(g);
  grammar = g;
});

/** Scopes of every token of `text`, as [token text, scopes] per line. */
function tokenize(text: string): [string, string[]][][] {
  let stack = textmate.INITIAL;
  return text.split(/\r?\n/).map((line) => {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return r.tokens.map((t) => [line.slice(t.startIndex, t.endIndex), t.scopes] as [string, string[]]);
  });
}

function scopesOf(lines: [string, string[]][][], needle: string): string[] {
  for (const line of lines) {
    for (const [text, scopes] of line) if (text === needle) return scopes;
  }
  assert.fail(`no token "${needle}" in ${JSON.stringify(lines.map((l) => l.map(([t]) => t)))}`);
}

test('the example report: front matter, headings, figures, tables, comments', () => {
  const text = fs.readFileSync(path.join(root, 'examples/suizhong-2023.nianbao'), 'utf8');
  const lines = tokenize(text);
  assert.ok(lines[0][0][1].includes('punctuation.definition.tag.begin.front-matter.nianbao'));
  assert.ok(scopesOf(lines, '标题').includes('support.type.property-name.nianbao'));
  assert.ok(scopesOf(lines, '2024-02-18').includes('string.unquoted.value.nianbao'));
  assert.ok(scopesOf(lines, '一、总体情况').includes('entity.name.section.nianbao'));
  assert.ok(scopesOf(lines, '#').includes('punctuation.definition.heading.nianbao'));
  assert.ok(scopesOf(lines, '2471').includes('constant.numeric.nianbao'));
  assert.ok(scopesOf(lines, '《条例》').includes('string.quoted.other.title.nianbao'));
  assert.ok(scopesOf(lines, '第二十条').includes('entity.name.function.article.nianbao'));
  assert.ok(scopesOf(lines, '第(一)项').includes('entity.name.function.clause.nianbao'));
  assert.ok(scopesOf(lines, '|').includes('punctuation.separator.table.nianbao'));
  const comment = lines.find((l) => l.length > 0 && l[0][0].startsWith('//'));
  assert.ok(comment && comment[0][1].includes('comment.line.double-slash.nianbao'));
  // After the front matter, nothing is front matter any more.
  const body = lines.findIndex((l) => l.some(([t]) => t === '一、总体情况'));
  for (const [, scopes] of lines[body]) assert.ok(!scopes.some((s) => s.includes('front-matter')));
});

test('inline nodes and table cells', () => {
  const lines = tokenize(
    [
      '// nianbao-disable-next-line prose-breakdown -- 照录',
      '依据第五十条第（四）项，年访问量达()万余人次，办理XX件，共40余万人次。',
      '| --- | ---: |',
      '| 行政许可 | +1036 | —— | 12.5 |',
      '---',
      '标题: 不是文件头',
    ].join('\n'),
  );
  assert.ok(scopesOf(lines, 'nianbao-disable-next-line').includes('keyword.control.directive.nianbao'));
  assert.ok(scopesOf(lines, '第五十条').includes('entity.name.function.article.nianbao'));
  assert.ok(scopesOf(lines, '()').includes('invalid.illegal.placeholder.nianbao'));
  assert.ok(scopesOf(lines, 'XX').includes('invalid.illegal.placeholder.nianbao'));
  assert.ok(scopesOf(lines, '40').includes('constant.numeric.nianbao'));
  assert.ok(scopesOf(lines, '余').includes('constant.numeric.approx.nianbao'));
  assert.ok(scopesOf(lines, '万').includes('constant.numeric.magnitude.nianbao'));
  assert.ok(scopesOf(lines, '人次').includes('keyword.other.unit.nianbao'));
  assert.ok(lines[2][0][1].includes('punctuation.separator.table.delimiter.nianbao'));
  assert.ok(scopesOf(lines, '+').includes('constant.numeric.sign.nianbao'));
  assert.ok(scopesOf(lines, '——').includes('constant.language.not-applicable.nianbao'));
  assert.ok(scopesOf(lines, '12.5').includes('constant.numeric.nianbao'));
  // `---` is a front-matter fence only on the first line.
  for (const [, scopes] of lines[5]) assert.ok(!scopes.some((s) => s.includes('front-matter')));
});
