import type { mailMessages as sv } from '../sv/mail.ts'

export const mailMessages = {
} satisfies Record<keyof typeof sv, string>
