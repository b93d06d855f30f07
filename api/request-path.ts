// A request's path as logs and the denial list keep it: the query string stays (it says what was asked for),
// a bearer token passed as `?token=` (/codec/session) does not.
export const withoutToken = (url: string): string => (url.includes('?') ? url.replace(/([?&]token=)[^&#]*/gi, '$1[redacted]') : url);

/** The refused request as supervisors read it on 被拒绝的访问, cut to a length a list can show. */
export const pathForLog = (url: string): string => withoutToken(url).slice(0, 500);
