/**
 * tree-sitter-nianbao — grammar for `.nianbao`, the plain-text markup of
 * 政府信息公开工作年度报告. The normative description is docs/language.md.
 *
 * Design notes (choices made for the editor and the checker):
 * - Line based, like Markdown. Every line inside a block ends with `_line_end`,
 *   an external token (src/scanner.c) that matches a newline *or* the end of
 *   input, so a file without a final newline parses like one with it.
 * - Block starters (`#`, `|`, `//`, `---`) are only valid at the start of a
 *   line, so a `|` or `#` in the middle of prose stays prose.
 * - Inline nodes (number, article_ref, title, placeholder) exist in prose *and*
 *   in table cells, so editors highlight them and the server hovers them.
 * - Text is split at characters that may start an inline node (digits, 第, 《,
 *   brackets, X); when no inline node matches, the character falls back to
 *   text. Lexical precedence makes units win over text right after a number.
 * - Incomplete input (a half-typed row, a lone `|`, an unclosed front matter)
 *   must still give nodes the server can stand on for completion.
 */

// Characters that may begin an inline node and are therefore excluded from
// the bulk text token; each has a single-character text fallback below.
const STARTERS = '0-9０-９第《(（X×Ｘ_＿○';
const SPACE = ' \\t\\u3000\\u00a0\\r\\n\\ufeff';
const CN_NUM = '零〇一二三四五六七八九十百千两';

module.exports = grammar({
  name: 'nianbao',

  externals: $ => [$._line_end, $._error_sentinel],

  extras: _ => [/[ \t\u3000\u00a0\r\ufeff]/],


  rules: {
    document: $ => seq(
      optional($.front_matter),
      repeat($._block),
      // `##` before the first `#` still opens a (sub)section.
      repeat(choice(
        $._heading1_section,
        alias($.section2, $.section),
        alias($.section3, $.section),
      )),
    ),

    // ───────────────────────────── front matter ─────────────────────────────
    // The closing fence is optional so that a front matter still being typed
    // keeps its entries (prec.right: blank lines stay inside it).
    front_matter: $ => prec.right(seq(
      field('open', alias($._fm_fence, '---')),
      $._line_end,
      repeat(choice($.front_matter_entry, $.comment, $._blank_line)),
      optional(seq(field('close', alias($._fm_fence, '---')), $._line_end)),
    )),
    _fm_fence: _ => token(prec(3, /---[ \t]*/)),
    // The colon is optional so that a key being typed is still an entry
    // (completion stands on it); the checker reports the missing value.
    front_matter_entry: $ => seq(
      field('key', $.key),
      optional(seq(choice(':', '：'), optional(field('value', $.value)))),
      $._line_end,
    ),
    key: _ => token(prec(1, /[^\s:：\-#|\/][^:：\r\n]*/)),
    value: _ => /[^\s][^\r\n]*/,

    // ─────────────────────────────── sections ───────────────────────────────
    // Sections nest by heading level (1–3) so that outline and folding come
    // straight from the tree. Deeper headings are plain blocks.
    _heading1_section: $ => alias($.section1, $.section),
    section1: $ => prec.right(seq(
      field('heading', alias($.heading1, $.heading)),
      repeat($._block),
      repeat(choice(alias($.section2, $.section), alias($.section3, $.section))),
    )),
    section2: $ => prec.right(seq(
      field('heading', alias($.heading2, $.heading)),
      repeat($._block),
      repeat(alias($.section3, $.section)),
    )),
    section3: $ => prec.right(seq(
      field('heading', alias($.heading3, $.heading)),
      repeat($._block),
    )),

    heading1: $ => seq(field('marker', alias(token(prec(2, /#[ \t\u3000]*/)), $.heading_marker)), optional(field('content', $.heading_content)), $._line_end),
    heading2: $ => seq(field('marker', alias(token(prec(2, /##[ \t\u3000]*/)), $.heading_marker)), optional(field('content', $.heading_content)), $._line_end),
    heading3: $ => seq(field('marker', alias(token(prec(2, /###[ \t\u3000]*/)), $.heading_marker)), optional(field('content', $.heading_content)), $._line_end),
    // Levels 4–6: headings without a section of their own.
    heading: $ => seq(field('marker', alias(token(prec(2, /#{4,6}[ \t\u3000]*/)), $.heading_marker)), optional(field('content', $.heading_content)), $._line_end),
    heading_content: $ => repeat1($._inline),

    _block: $ => choice(
      $.paragraph,
      $.table,
      $.comment,
      $.heading,
      $._blank_line,
    ),

    _blank_line: _ => /\r?\n/,

    // ─────────────────────────────── comments ───────────────────────────────
    // A whole line starting with `//`. Suppression directives
    // (`// nianbao-disable-next-line CODE`) are read from its text.
    comment: $ => seq(token(prec(3, /\/\/[^\r\n]*/)), $._line_end),

    // ─────────────────────────────── paragraphs ─────────────────────────────
    paragraph: $ => prec.right(repeat1(seq(repeat1($._inline), $._line_end))),

    _inline: $ => choice(
      $.number,
      $.article_ref,
      $.title,
      $.placeholder,
      $.text,
    ),

    text: _ => choice(
      token(new RegExp(`[^${SPACE}${STARTERS}]+`)),
      token(prec(-1, /[第《(（X×Ｘ_＿○]/)),
    ),

    // ─────────────────────────────── inline nodes ───────────────────────────
    // 7100余条 · 40余万人次 · 0.5万元 · 97% · 12万余元
    number: $ => prec.right(seq(
      field('value', $.digits),
      optional(field('approx', $.approx)),
      optional(field('magnitude', $.magnitude)),
      optional(field('approx', $.approx)),
      optional(field('unit', $.unit)),
    )),
    digits: _ => /[0-9０-９]+([.．][0-9０-９]+)?/,
    // Traditional spellings too: published pages are often converted (眉縣).
    approx: _ => token(prec(5, choice('余', '多', '餘'))),
    magnitude: _ => token(prec(5, choice('万', '亿', '千', '萬', '億'))),
    unit: _ => token(prec(5, choice(
      '条', '件', '件次', '人次', '次', '个', '人', '名', '篇', '份', '项', '家', '场', '期',
      '户', '批', '类', '部', '台', '套', '本', '册', '张', '幅', '块', '处', '所', '期次',
      '元', '%', '％', '天', '个工作日', '小时', '分钟', '位', '条次', '页', '封', '起', '宗', '例',
      '條', '個', '項', '場', '戶', '張', '塊', '處', '冊', '臺', '頁', '條次', '個工作日', '小時', '分鐘',
    ))),

    // 第五十条 · 第五十条第(四)项 · 第十六条第二款 · 第三十六条第（三）项 (條/項 on converted pages)
    article_ref: $ => prec.right(seq(
      field('article', $.article),
      repeat(field('clause', $.clause)),
    )),
    article: _ => token(prec(1, new RegExp(`第([${CN_NUM}]+|[0-9]+)[条條]`))),
    clause: _ => token(prec(1, new RegExp(`第([(（][${CN_NUM}0-9]+[)）]|[${CN_NUM}0-9]+)[款项項目]`))),

    // 《…》 titles of laws, documents and the 条例 itself.
    title: _ => token(prec(1, /《[^》\r\n]*》/)),

    // Unfilled template blanks: 达()万余人次 · XX件 · ＿＿
    placeholder: _ => token(prec(1, choice(
      /[(（][ \t\u3000]*[)）]/,
      // Upper case only: `xx` is common in URLs (xxgk = 信息公开).
      // (`{2,}` is spelt out: the tree-sitter regex engine stops such a
      // repetition at its minimum here.)
      /[X×Ｘ][X×Ｘ]+/,
      /[_＿][_＿]+/,
      /○○+/,
    ))),

    // ─────────────────────────────── tables ─────────────────────────────────
    // Comment lines may sit between rows (a suppression directive for the
    // next row must not split the table in two).
    table: $ => prec.right(seq(
      choice($.table_row, $.table_delimiter_row),
      repeat(choice($.table_row, $.table_delimiter_row, $.comment)),
    )),

    table_row: $ => seq(
      $._pipe,
      repeat(seq(optional($.table_cell), '|')),
      optional($.table_cell),
      $._line_end,
    ),
    _pipe: _ => token(prec(2, '|')),

    table_delimiter_row: $ => seq(
      $._pipe,
      $.table_delimiter,
      repeat(seq('|', $.table_delimiter)),
      optional('|'),
      $._line_end,
    ),
    table_delimiter: _ => token(prec(3, /:?---+:?/)),

    table_cell: $ => repeat1(choice(
      $.not_applicable,
      alias($.signed_number, $.number),
      $.number,
      $.article_ref,
      $.title,
      $.placeholder,
      alias($.cell_text, $.text),
    )),
    signed_number: $ => prec.right(seq(
      field('value', alias(token(prec(2, /[+\-＋－][0-9０-９]+([.．][0-9０-９]+)?/)), $.digits)),
      optional(field('magnitude', $.magnitude)),
      optional(field('unit', $.unit)),
    )),
    // — · —— · / · - : the cell does not apply.
    not_applicable: _ => token(prec(2, choice(/—+/, /[-－]{1,2}/, /[\/／]/))),
    cell_text: _ => choice(
      token(new RegExp(`[^${SPACE}${STARTERS}|]+`)),
      token(prec(-1, /[第《(（X×Ｘ_＿○]/)),
    ),
  },
});
