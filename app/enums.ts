import {
  AttendanceMode,
  County,
  EventFormat,
  EventStatus,
  MemberRole,
  NotificationFrequency,
  PaymentStatus,
  ProgrammeItemType,
  QuestionKind,
  RegistrationMode,
  RegistrationStatus,
  Sector,
  SpeakerRole,
} from './generated/prisma/enums.ts'

/**
 * The one list of each enumeration, in the order people see it, derived from the generated Prisma
 * enums (prisma/schema.prisma orders them: counties by their official län code, roles from most to
 * least access). Labels come from i18n (`county.<value>`, `format.<value>` …). Domain schemas use
 * `z.enum(County)` and friends; components import these lists for their selects (they may import
 * generated/prisma/enums, never the client). A value added to the schema shows up everywhere.
 */
const list = <T extends string>(values: Record<string, T>) => Object.values(values) as unknown as readonly [T, ...T[]]

export const ATTENDANCE_MODES = list(AttendanceMode)
export const COUNTIES = list(County)
export const EVENT_FORMATS = list(EventFormat)
export const EVENT_STATUSES = list(EventStatus)
export const MEMBER_ROLES = list(MemberRole)
export const ITEM_TYPES = list(ProgrammeItemType)
export const QUESTION_KINDS = list(QuestionKind)
export const NOTIFICATION_FREQUENCIES = list(NotificationFrequency)
export const PAYMENT_STATUSES = list(PaymentStatus)
export const REGISTRATION_MODES = list(RegistrationMode)
export const REGISTRATION_STATUSES = list(RegistrationStatus)
export const SECTORS = list(Sector)
export const SPEAKER_ROLES = list(SpeakerRole)

export {
  AttendanceMode,
  County,
  EventFormat,
  EventStatus,
  MemberRole,
  NotificationFrequency,
  PaymentStatus,
  ProgrammeItemType,
  QuestionKind,
  RegistrationMode,
  RegistrationStatus,
  Sector,
  SpeakerRole,
}
