/** Quotes a word for POSIX sh, so values in generated commands stay one argument. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(word)
    ? word
    : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The environment variable a secret script reads a Secret key from. */
export function secretEnvVar(key: string): string {
  return key.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}
