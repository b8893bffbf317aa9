/**
 * Version 1 of the demo organizations' privacy notices (ADR 0032): the address for personal-data
 * questions and a short text of each organization's own, in both languages. Fictional.
 */
export const demoPrivacyNotices: Record<string, { contactEmail: string; extraSv: string; extraEn: string }> = {
  'innovation-park': {
    contactEmail: 'dataskydd@innovation-park.example.org',
    extraSv:
      'Innovation Park har ett dataskyddsombud som du når på samma adress.\n\nBilder från våra evenemang publiceras bara om alla som syns på dem har sagt ja.',
    extraEn:
      'Innovation Park has a data protection officer whom you reach at the same address.\n\nPhotos from our events are published only if everyone in them has agreed.',
  },
  'motesplats-social-innovation': {
    contactEmail: 'personuppgifter@motesplats.example.org',
    extraSv:
      'Mötesplats Social Innovation drivs av ett lärosäte och följer dess riktlinjer för personuppgifter. Statistiken om deltagare redovisas till Vinnova utan namn och utan uppgifter som pekar ut enskilda.',
    extraEn:
      'Mötesplats Social Innovation is run by a university and follows its guidelines for personal data. Statistics about participants are reported to Vinnova without names and without details that single anybody out.',
  },
  'coompanion-sormland': {
    contactEmail: 'coompanion-sormland@example.org',
    extraSv: 'Vi skickar aldrig nyhetsbrev till dig som anmält dig till ett evenemang, om du inte själv prenumererar.',
    extraEn: 'We never send newsletters to people who registered for an event unless they subscribe themselves.',
  },
  'pitea-science-park': {
    contactEmail: 'gdpr@pitea-science-park.example.org',
    extraSv: 'Piteå Science Park sparar fakturaunderlag i sju år enligt bokföringslagen; allt annat anonymiseras som ovan.',
    extraEn: 'Piteå Science Park keeps invoice records for seven years as the Bookkeeping Act requires; everything else is anonymized as above.',
  },
  'social-innovation-summit': {
    contactEmail: 'privacy@si-summit.example.org',
    extraSv: 'Konferensen arrangeras tillsammans med partner i flera länder. Partnerna får bara statistik utan namn, aldrig deltagarlistan.',
    extraEn: 'The conference is arranged with partners in several countries. The partners get statistics without names only, never the attendee list.',
  },
  sopact: {
    contactEmail: 'sopact@example.org',
    extraSv: '',
    extraEn: '',
  },
}
