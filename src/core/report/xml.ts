// Escaping for the XML reports (JUnit). Text from scenarios and servers (request names, error
// texts) may hold any character; XML 1.0 cannot carry most control characters at all, not even
// as character references, so those become U+FFFD rather than a file a CI system refuses.

/** Characters XML 1.0 does not allow: C0 controls but tab, LF and CR; U+FFFE/U+FFFF; lone surrogates. */
const NOT_XML_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function replaceInvalid(text: string): string {
  return text.replace(NOT_XML_CHARACTER, '\uFFFD');
}

/** Element content: `&`, `<` and `>` (the last so that `]]>` cannot appear). */
export function escapeXmlText(text: string): string {
  return replaceInvalid(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * An attribute value in double quotes: also `"` and `'`, and tab, LF and CR as character
 * references, which a parser would otherwise normalise to spaces.
 */
export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}
