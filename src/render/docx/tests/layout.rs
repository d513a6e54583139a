//! Page setup, headers, styles, tables, rules and tracked changes in the XML.
