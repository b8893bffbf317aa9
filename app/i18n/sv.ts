/**
 * Every string a person reads, in Swedish: one file per area under sv/, merged here. These
 * define the keys; en.ts must translate each (checked by `satisfies Messages`). Placeholders: {name}.
 */
import { accountsMessages } from './sv/accounts.ts'
import { common } from './sv/common.ts'
import { feedMessages } from './sv/feeds.ts'
import { consoleRegistrationMessages } from './sv/console-registrations.ts'
import { mailMessages } from './sv/mail.ts'
import { organizerMessages } from './sv/organizer.ts'
import { publicMessages } from './sv/public.ts'
import { registrationMessages } from './sv/registration.ts'
import { speakerMessages } from './sv/speakers.ts'
import { speakerAreaMessages } from './sv/speaker-area.ts'
import { uploadMessages } from './sv/uploads.ts'
import { proposalMessages } from './sv/proposals.ts'
import { materialMessages } from './sv/materials.ts'
import { checkInMessages } from './sv/check-in.ts'
import { exportMessages } from './sv/exports.ts'
import { questionMessages } from './sv/questions.ts'
import { programmeViewMessages } from './sv/programme-view.ts'
import { mailingMessages } from './sv/mailings.ts'
import { dashboardMessages } from './sv/dashboard.ts'
import { retentionMessages } from './sv/retention.ts'
import { privacyMessages } from './sv/privacy.ts'

export const sv = {
  ...common,
  ...publicMessages,
  ...mailMessages,
  ...accountsMessages,
  ...organizerMessages,
  ...consoleRegistrationMessages,
  ...registrationMessages,
  ...feedMessages,
  ...speakerMessages,
  ...speakerAreaMessages,
  ...uploadMessages,
  ...proposalMessages,
  ...materialMessages,
  ...checkInMessages,
  ...exportMessages,
  ...questionMessages,
  ...programmeViewMessages,
  ...mailingMessages,
  ...dashboardMessages,
  ...retentionMessages,
  ...privacyMessages,
} as const

export type MessageKey = keyof typeof sv
export type Messages = Record<MessageKey, string>
