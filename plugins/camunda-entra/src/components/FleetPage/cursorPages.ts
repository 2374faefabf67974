import type { FleetQuery } from '@camunda-entra/plugin-camunda-entra-common';

/**
 * The cursor of each page reached so far for one query. The table counts pages, the API
 * continues from a cursor: page n's cursor is the `nextCursor` of page n - 1, so only pages up
 * to one past the last one fetched can be asked for (the table shows no "last page" button).
 */
export class CursorPages {
  private key?: string;
  private cursors: Array<string | undefined> = [undefined];

  /** The page to fetch and its cursor: the first page when the query changed. */
  cursorFor(
    query: FleetQuery,
    page: number,
  ): { page: number; cursor?: string } {
    const key = JSON.stringify(query);
    if (key !== this.key) {
      this.key = key;
      this.cursors = [undefined];
    }
    return page < this.cursors.length
      ? { page, cursor: this.cursors[page] }
      : { page: 0 };
  }

  /** Records where the page after `page` starts; nothing past the last page. */
  remember(page: number, nextCursor: string | undefined) {
    this.cursors = this.cursors.slice(0, page + 1);
    if (nextCursor) {
      this.cursors.push(nextCursor);
    }
  }
}
