/**
 * The version of Samling's own privacy page (/privacy, app/routes/($lang).privacy.tsx): how the
 * platform handles personal data for the organizers. What a registrant accepts is their organizer's
 * notice (privacy_notices, app/privacy/notices.server.ts, ADR 0032), whose version each registration
 * stores. Change this whenever the site page's content changes.
 */
export const PRIVACY_NOTICE_VERSION = '2026-12-04'
