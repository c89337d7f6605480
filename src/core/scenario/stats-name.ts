// The name a request has in every table, chart and report.

/** The `###` title if there is one, else `METHOD URL` with the URL's templates left unexpanded. */
export function statsNameOf(method: string, rawUrl: string, title?: string): string {
  const trimmed = title?.trim();
  return trimmed ? trimmed : `${method} ${rawUrl}`;
}
