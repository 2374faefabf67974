/** A Key Vault error answer: `{error: {code, message, innererror?: {code}}}`. */
export class KeyVaultError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly innerCode?: string,
  ) {
    super(message);
  }

  get body() {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.innerCode && { innererror: { code: this.innerCode } }),
      },
    };
  }
}
