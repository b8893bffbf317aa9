import { describe, expect, it } from 'vitest'
import { COUNTIES, EVENT_FORMATS, MEMBER_ROLES, QUESTION_KINDS, REGISTRATION_MODES } from '../../app/enums.ts'
import { County, EventFormat, MemberRole, QuestionKind, RegistrationMode } from '../../app/generated/prisma/enums.ts'
import { isMessageKey, t } from '../../app/i18n/index.ts'

describe('one list per enumeration', () => {
  it('lists every value of the database enums, in the schema order', () => {
    expect(COUNTIES).toEqual(Object.values(County))
    expect(EVENT_FORMATS).toEqual(Object.values(EventFormat))
    expect(MEMBER_ROLES).toEqual(['owner', 'organizer', 'viewer'])
    expect(QUESTION_KINDS).toEqual(Object.values(QuestionKind))
    expect(REGISTRATION_MODES).toEqual(Object.values(RegistrationMode))
    expect(Object.values(MemberRole)).toEqual(MEMBER_ROLES)
  })

  it('every value has a label in Swedish and in English', () => {
    const labelled: [string, readonly string[]][] = [
      ['county', COUNTIES],
      ['format', EVENT_FORMATS],
      ['registrationMode', REGISTRATION_MODES],
      ['organizer.questionKind', QUESTION_KINDS],
    ]
    for (const [prefix, values] of labelled) {
      for (const value of values) {
        const key = `${prefix}.${value}`
        expect(isMessageKey(key), key).toBe(true)
        if (isMessageKey(key)) expect(t('en', key)).not.toBe(t('sv', key) === key ? '' : key)
      }
    }
  })
})
