; Sections fold with their heading; tables and the front matter fold whole.
[
  (section)
  (front_matter)
  (table)
  (paragraph)
] @fold
