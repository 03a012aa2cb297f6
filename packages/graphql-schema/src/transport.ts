// Wire facts of the API besides its schema, shared by the API and the dashboard (browser-safe).

/**
 * Cookie holding a dashboard session token (HttpOnly, SameSite=Strict, set by the dashboard's
 * server). The dashboard's /graphql proxy turns it into `Authorization: Bearer`; the API accepts it
 * itself only on the WebSocket upgrade, and only from a page of the same site.
 */
export const SESSION_COOKIE = 'distillery_session';
