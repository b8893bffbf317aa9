import type { publicMessages as sv } from '../sv/public.ts'

export const publicMessages = {
} satisfies Record<keyof typeof sv, string>
