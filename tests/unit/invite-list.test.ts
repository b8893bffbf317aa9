import { describe, expect, it } from 'vitest'
import { InvalidInviteListError, parseInviteList } from '../../app/registrations/invites.server.ts'
import { t } from '../../app/i18n/index.ts'

const people = (text: string) => parseInviteList(text).invitees.map((invitee) => [invitee.name, invitee.email])

describe('a pasted guest list', () => {
  it('reads "Namn <e-post>", a bare address and "Namn;e-post", Swedish names intact', () => {
    const text = ['Åsa Öberg <asa.oberg@region.se>', 'bjorn.angstrom@kommun.se', 'Märta Ärlig;marta@ideell.se', '"Lind, Erik" <erik@coompanion.se>'].join('\n')
    expect(people(text)).toEqual([
      ['Åsa Öberg', 'asa.oberg@region.se'],
      ['', 'bjorn.angstrom@kommun.se'],
      ['Märta Ärlig', 'marta@ideell.se'],
      ['Lind, Erik', 'erik@coompanion.se'],
    ])
  })

  it('reads a spreadsheet export: header skipped, comma or tab, address in any column, Windows line ends and a BOM', () => {
    const csv = '\uFEFFNamn,E-post\r\nÖrjan Åkesson,orjan@uu.se\r\nkarin@lansstyrelsen.se\tKarin Ödmark\r\nFörnamn,Efternamn,x@y.se\r\n'
    expect(people(csv)).toEqual([
      ['Örjan Åkesson', 'orjan@uu.se'],
      ['Karin Ödmark', 'karin@lansstyrelsen.se'],
      ['Förnamn Efternamn', 'x@y.se'],
    ])
  })

  it('keeps a repeated address once, whatever its case or spaces, and skips blank and # lines', () => {
    const parsed = parseInviteList('# Co-Days gäster\nanna@kommun.se\n\n  ANNA@Kommun.se  \nAnna Svensson <anna@kommun.se>\nper@kommun.se')
    expect(parsed.invitees.map((invitee) => [invitee.line, invitee.emailNormalized])).toEqual([
      [2, 'anna@kommun.se'],
      [6, 'per@kommun.se'],
    ])
    expect(parsed.duplicates).toBe(2)
    expect(parsed.invalid).toEqual([])
  })

  it('names every unreadable line by its number, and the message lists them in Swedish', () => {
    const parsed = parseInviteList('anna@kommun.se\nBara ett namn\nper@\nOla <ola@>\nnul\u0000@x.se\nkim@kommun.se')
    expect(parsed.invalid).toEqual([
      { line: 2, text: 'Bara ett namn' },
      { line: 3, text: 'per@' },
      { line: 4, text: 'Ola <ola@>' },
      { line: 5, text: 'nul\u0000@x.se' },
    ])
    expect(parsed.invitees.map((invitee) => invitee.email)).toEqual(['anna@kommun.se', 'kim@kommun.se'])
    const error = new InvalidInviteListError(parsed.invalid.slice(0, 3))
    expect([error.status, error.field]).toEqual([400, 'list'])
    expect(t('sv', error.messageKey, error.params)).toBe(
      'Raderna 2 (”Bara ett namn”), 3 (”per@”), 4 (”Ola <ola@>”) kunde inte läsas. Skriv en gäst per rad, till exempel ”Anna Svensson <anna@kommun.se>”. Ingen är inbjuden ännu.',
    )
  })

  it('reads an empty list as nobody, without errors', () => {
    expect(parseInviteList('\n \n')).toEqual({ invitees: [], invalid: [], duplicates: 0 })
  })
})
