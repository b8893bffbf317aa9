/**
 * The version of the privacy notice (/privacy, app/routes/($lang).privacy.tsx) that a registrant
 * accepts; stored with every registration (consentVersion, consentedAt). Change it whenever the
 * notice's content changes, so each registration records which text its person saw.
 */
export const PRIVACY_NOTICE_VERSION = '2026-12-02'
