import type { Messages } from './sv.ts'
import { accountsMessages } from './en/accounts.ts'
import { common } from './en/common.ts'
import { feedMessages } from './en/feeds.ts'
import { consoleRegistrationMessages } from './en/console-registrations.ts'
import { mailMessages } from './en/mail.ts'
import { organizerMessages } from './en/organizer.ts'
import { publicMessages } from './en/public.ts'
import { registrationMessages } from './en/registration.ts'
import { speakerMessages } from './en/speakers.ts'
import { speakerAreaMessages } from './en/speaker-area.ts'
import { uploadMessages } from './en/uploads.ts'
import { proposalMessages } from './en/proposals.ts'
import { materialMessages } from './en/materials.ts'
import { checkInMessages } from './en/check-in.ts'
import { mailingMessagesEn } from './en/mailings.ts'
import { exportMessages } from './en/exports.ts'
import { questionMessages } from './en/questions.ts'
import { programmeViewMessages } from './en/programme-view.ts'
import { dashboardMessages } from './en/dashboard.ts'
import { retentionMessages } from './en/retention.ts'
import { privacyMessages } from './en/privacy.ts'

/** English translations of every key in sv.ts. */
export const en = {
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
  ...mailingMessagesEn,
  ...exportMessages,
  ...questionMessages,
  ...programmeViewMessages,
  ...dashboardMessages,
  ...retentionMessages,
  ...privacyMessages,
} satisfies Messages
