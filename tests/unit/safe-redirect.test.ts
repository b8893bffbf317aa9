import { describe, expect, it } from 'vitest'
import { safeRedirectTo } from '../../app/accounts/sign-in.server.ts'

describe('where a sign-in may send the person afterwards', () => {
  it('keeps paths on our own site, normalised as a browser would read them', () => {
    const kept: Array<[string, string]> = [
      ['/organizer', '/organizer'],
      ['/organizer/sormland?x=1#y', '/organizer/sormland?x=1#y'],
      ['/organizer/./sormland', '/organizer/sormland'],
      ['/organizer/x/../sormland', '/organizer/sormland'],
      ['/a/%2e%2e/organizer', '/organizer'],
      ['/./%2fevil.example', '/%2fevil.example'],
      ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
      ['/.%2f/evil.example', '/.%2f/evil.example'],
      ['/organizer?next=//evil.example', '/organizer?next=//evil.example'],
    ]
    for (const [input, expected] of kept) expect([input, safeRedirectTo(input)]).toEqual([input, expected])
  })

  it('refuses every value that a browser would take to another site, and anything that is not a path', () => {
    const refused = [
      '/%2e//evil.example',
      '/%2E//evil.example/phish',
      '/.//evil.example',
      '/..//evil.example',
      '/a/..//evil.example',
      '/%2e%2e//evil.example',
      '/./..//evil.example',
      '/.\\evil.example',
      '/%2e/\\evil.example',
      '//evil.example',
      '/\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      '/\r//evil.example',
      'https://evil.example',
      'http:/evil.example',
      'javascript:alert(1)',
      'organizer',
      '',
      ' /organizer',
      '/' + 'a'.repeat(1000),
      null,
      undefined,
      42,
    ]
    for (const input of refused) expect([input, safeRedirectTo(input)]).toEqual([input, null])
  })

  it('returns a value that passes through again unchanged (form → link → POST)', () => {
    for (const input of ['/organizer/x/../y?z=%2e', '/a/%2e%2e/b', '/%2e/organizer', '/organizer#x']) {
      const once = safeRedirectTo(input)
      expect(once).not.toBeNull()
      expect(safeRedirectTo(once)).toBe(once)
    }
  })
})
