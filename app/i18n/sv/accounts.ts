/** Sign-in, sessions, organizations and members. Keys start with 'accounts.'. */
export const accountsMessages = {
} as const
