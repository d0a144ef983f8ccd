/** The cookie that carries a session: set by sign-in (src/identity/), read by the cross-site check. */
export const sessionCookieName = 'concordat_session';
