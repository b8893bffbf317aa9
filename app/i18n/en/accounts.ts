import type { accountsMessages as sv } from '../sv/accounts.ts'

export const accountsMessages = {
} satisfies Record<keyof typeof sv, string>
