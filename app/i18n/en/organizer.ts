import type { organizerMessages as sv } from '../sv/organizer.ts'

export const organizerMessages = {
} satisfies Record<keyof typeof sv, string>
