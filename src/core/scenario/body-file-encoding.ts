// The encodings of REST Client's `<@ENCODING ./file` body files that Loadlens reads: the file is
// decoded with it, its {{variables}} replaced, and the body encoded with it again.

export type BodyEncoding = 'utf8' | 'latin1';

const KNOWN: Record<string, BodyEncoding> = { '': 'utf8', utf8: 'utf8', 'utf-8': 'utf8', latin1: 'latin1', 'iso-8859-1': 'latin1', binary: 'latin1' };

/** The encoding of `<@` (UTF-8) or `<@name`; undefined for a name Loadlens does not read. */
export function knownBodyEncoding(name: string | undefined): BodyEncoding | undefined {
  return KNOWN[(name ?? '').toLowerCase()];
}

/** As knownBodyEncoding, UTF-8 for a name check has already reported. */
export function bodyFileEncoding(name: string | undefined): BodyEncoding {
  return knownBodyEncoding(name) ?? 'utf8';
}
