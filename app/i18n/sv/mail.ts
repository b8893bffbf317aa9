/** Mail: subjects, bodies, mailbox and preview pages. Keys start with 'mail.'. */
export const mailMessages = {
} as const
