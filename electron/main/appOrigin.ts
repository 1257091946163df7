// Where the app's pages come from: the privileged custom scheme app://party-records/. Only pages from
// this origin may call the API or be navigated to. Kept free of Electron so tests can import it as is.

export const APP_SCHEME = 'app';
export const APP_HOST = 'party-records';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Sent with every page of the app (protocol.ts); a browser harness serving the renderer sends the same. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "frame-src blob:", // the 档案材料 viewer shows PDFs from blob: URLs
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The origin of a URL as scheme://host[:port], or null when the URL does not parse.
 * Node's URL reports origin "null" for schemes it does not know (such as app:), so it is built here.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.username !== '' || parsed.password !== '') return null;
  if (parsed.host === '') return null;
  return `${parsed.protocol}//${parsed.host}`;
}

/** True when `url` belongs to one of `trustedOrigins` (by default only the app's own origin). */
export function isTrustedUrl(url: string, trustedOrigins: readonly string[] = [APP_ORIGIN]): boolean {
  const origin = originOf(url);
  return origin !== null && trustedOrigins.includes(origin);
}
