// `--out prometheus=https://user:token@host/api/v1/write`: hosted receivers (Grafana Cloud, Mimir
// behind a proxy) take HTTP basic authentication. fetch refuses a URL with credentials in it, so
// they move to an Authorization header; the URL printed in warnings has them removed as well.

export function splitCredentials(raw: string): { url: string; headers: Record<string, string> } {
  const url = new URL(raw);
  if (url.username === '' && url.password === '') return { url: raw, headers: {} };
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  url.username = '';
  url.password = '';
  return { url: url.toString(), headers: { Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` } };
}
