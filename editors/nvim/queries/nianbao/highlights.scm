; Capture names follow the current nvim-treesitter / Helix conventions
; (@markup.*, @number, @comment …).

; front matter
(front_matter "---" @punctuation.special)
(front_matter_entry key: (key) @property)
(front_matter_entry [":" "："] @punctuation.delimiter)
(front_matter_entry value: (value) @string)

; headings, by level of their section
(heading marker: (heading_marker) @markup.heading.marker)
(heading content: (heading_content) @markup.heading)
(document (section heading: (heading content: (heading_content) @markup.heading.1)))
(section (section heading: (heading content: (heading_content) @markup.heading.2)))
(section (section (section heading: (heading content: (heading_content) @markup.heading.3))))

; comments; suppression directives stand out
(comment) @comment
((comment) @keyword.directive
  (#match? @keyword.directive "^//\\s*nianbao-"))

; inline nodes
(number value: (digits) @number)
(number approx: (approx) @number)
(number magnitude: (magnitude) @number)
(number unit: (unit) @markup.italic)
(article_ref) @markup.link
(title) @markup.link.label
(placeholder) @comment.warning

; tables
(table_row "|" @punctuation.special)
(table_delimiter_row "|" @punctuation.special)
(table_delimiter) @punctuation.special
(not_applicable) @constant.builtin
