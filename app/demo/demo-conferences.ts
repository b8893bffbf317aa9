import { event, item, publishedAt, withMaterialIfPast } from './demo-builders.ts'
import { addDays, at, nextOccurrence, stockholmToday } from './demo-calendar.ts'
import type { DemoEvent } from './demo-types.ts'

/**
 * The four conferences and Sopact's recruitment lab, from the facts in the community's blog posts
 * (texts in our own words). Each is placed on the next occurrence of its month/day after `now`.
 */
export function demoConferences(now: Date): DemoEvent[] {
  return [coDays(now), siSummit(now), sormlandDay(now), socialInnovationNorr(now), sopactRecruitmentLab(now)]
}

const CO_DAYS_TRACKS = {
  collaboration: { nameSv: 'Samverkan', nameEn: 'Collaboration' },
  funding: { nameSv: 'Finansiering och affärsmodeller', nameEn: 'Funding and business models' },
  learning: { nameSv: 'Forskning och lärande', nameEn: 'Research and learning' },
}

/** Three days in February, 09:00–16:00, by invitation, about 70 places. */
function coDays(now: Date): DemoEvent {
  const first = nextOccurrence(now, 2, 12, { spanDays: 3 })
  const [d1, d2, d3] = [first, addDays(first, 1), addDays(first, 2)]
  const big = 'Stora salen'
  const klar = 'Klarälven'
  const vanern = 'Vänern'
  const cafe = 'Fiket'
  const { collaboration, funding, learning } = CO_DAYS_TRACKS
  const items = [
    // Day 1 – samverkan på riktigt
    item(d1, '09:00', '09:30', 'talk', 'Välkommen till Co-Days', 'Welcome to Co-Days', {
      room: big,
      descriptionSv: 'Vi presenterar de tre dagarna, varandra och vad vi hoppas att ni tar med er hem.',
      descriptionEn: 'We introduce the three days, each other and what we hope you take home.',
      speakers: [['maja-ekstrom', 'speaker']],
    }),
    item(d1, '09:30', '10:15', 'keynote', 'Social innovation i Värmland – var står vi?', 'Social innovation in Värmland – where do we stand?', {
      room: big,
      track: learning.nameSv,
      descriptionSv: 'En forskares bild av läget: vilka sociala innovationer finns i länet, och vad hindrar dem från att spridas?',
      descriptionEn: 'A researcher’s view of the situation: which social innovations exist in the county, and what stops them from spreading?',
      speakers: [['tove-lindahl', 'speaker']],
    }),
    item(d1, '10:15', '10:45', 'break', 'Fika', 'Coffee break', { room: cafe }),
    item(d1, '10:45', '12:00', 'workshop', 'Kartlägg era samhällsutmaningar', 'Map your social challenges', {
      room: klar,
      track: collaboration.nameSv,
      descriptionSv: 'I blandade grupper formulerar vi utmaningar som ingen sektor kan lösa ensam.',
      descriptionEn: 'In mixed groups we frame challenges that no sector can solve alone.',
      speakers: [['nora-blom', 'speaker']],
    }),
    item(d1, '10:45', '12:00', 'workshop', 'Från idé till pilot', 'From idea to pilot', {
      room: vanern,
      track: funding.nameSv,
      descriptionSv: 'Hur testar man en idé i liten skala innan man söker pengar för att skala upp?',
      descriptionEn: 'How do you test an idea on a small scale before seeking money to scale up?',
      speakers: [['lars-hedlund', 'speaker']],
    }),
    item(d1, '12:00', '13:00', 'lunch', 'Lunch', 'Lunch', { room: cafe }),
    item(d1, '13:00', '13:45', 'talk', 'Idéburet offentligt partnerskap i praktiken', 'Public–non-profit partnerships in practice', {
      room: big,
      track: collaboration.nameSv,
      speakers: [['amir-haddad', 'speaker']],
    }),
    item(d1, '13:45', '14:30', 'talk', 'Kommunen som möjliggörare', 'The municipality as an enabler', {
      room: big,
      track: collaboration.nameSv,
      speakers: [['sofia-engstrom', 'speaker']],
    }),
    item(d1, '14:30', '15:00', 'break', 'Fika', 'Coffee break', { room: cafe }),
    item(d1, '15:00', '15:45', 'panel', 'Hur undviker vi stuprören?', 'How do we avoid working in silos?', {
      room: big,
      track: collaboration.nameSv,
      speakers: [
        ['maja-ekstrom', 'moderator'],
        ['amir-haddad', 'panelist'],
        ['sofia-engstrom', 'panelist'],
        ['lars-hedlund', 'panelist'],
      ],
    }),
    item(d1, '15:45', '16:00', 'talk', 'Dagens lärdomar', 'Lessons of the day', { room: big, speakers: [['nora-blom', 'speaker']] }),
    // Day 2 – behovsdrivna processer och finansiering
    item(d2, '09:00', '09:15', 'talk', 'Morgonsamling', 'Morning gathering', { room: big, speakers: [['nora-blom', 'speaker']] }),
    item(d2, '09:15', '10:15', 'keynote', 'Sopacts behovsdrivna lärprocess', 'Sopact’s needs-driven learning process', {
      room: big,
      track: learning.nameSv,
      descriptionSv:
        'Under två år har Sopact och fem förvaltningar i Helsingborgs stad arbetat med fyra samhällsutmaningar tillsammans med sociala innovatörer. Vad har fungerat, och vilka misstag har lärt oss mest?',
      descriptionEn:
        'For two years Sopact and five departments of the City of Helsingborg have worked on four social challenges together with social innovators. What worked, and which mistakes taught us the most?',
      speakers: [
        ['johan-nordqvist', 'speaker'],
        ['elsa-berglund', 'speaker'],
      ],
    }),
    item(d2, '10:15', '10:45', 'break', 'Fika', 'Coffee break', { room: cafe }),
    item(d2, '10:45', '11:30', 'panel', 'Samtal: upphandling och sociala innovatörer', 'Conversation: procurement and social innovators', {
      room: big,
      track: funding.nameSv,
      descriptionSv: 'Hur kan en förvaltning samarbeta med externa sociala innovatörer inom ramen för upphandlingsreglerna?',
      descriptionEn: 'How can a city department work with external social innovators within the procurement rules?',
      speakers: [
        ['maja-ekstrom', 'moderator'],
        ['johan-nordqvist', 'panelist'],
        ['elsa-berglund', 'panelist'],
      ],
    }),
    item(d2, '10:45', '12:00', 'workshop', 'Affärsmodeller för sociala företag', 'Business models for social enterprises', {
      room: vanern,
      track: funding.nameSv,
      speakers: [['lars-hedlund', 'speaker']],
    }),
    item(d2, '11:30', '12:00', 'talk', 'Hur mäter vi effekt?', 'How do we measure impact?', {
      room: big,
      track: learning.nameSv,
      speakers: [['tove-lindahl', 'speaker']],
    }),
    item(d2, '12:00', '13:00', 'lunch', 'Lunch', 'Lunch', { room: cafe }),
    item(d2, '13:00', '14:15', 'workshop', 'Bygg en testmiljö tillsammans med förvaltningen', 'Build a test environment with the city department', {
      room: klar,
      track: collaboration.nameSv,
      speakers: [['elsa-berglund', 'speaker']],
    }),
    item(d2, '13:00', '14:15', 'workshop', 'Finansieringsvägar för social innovation', 'Funding routes for social innovation', {
      room: vanern,
      track: funding.nameSv,
      descriptionSv: 'En genomgång av regionala, nationella och europeiska medel som går att söka.',
      descriptionEn: 'An overview of regional, national and European funds you can apply for.',
      speakers: [['amir-haddad', 'speaker']],
    }),
    item(d2, '14:15', '14:45', 'break', 'Fika', 'Coffee break', { room: cafe }),
    item(d2, '14:45', '15:30', 'talk', 'Den politiska nivån – hur får vi med beslutsfattarna?', 'The political level – how do we involve decision-makers?', {
      room: big,
      track: collaboration.nameSv,
      speakers: [['sofia-engstrom', 'speaker']],
    }),
    item(d2, '15:30', '16:00', 'talk', 'Reflektion och avslut', 'Reflection and close', { room: big, speakers: [['maja-ekstrom', 'speaker']] }),
    // Day 3 – från ord till handling
    item(d3, '09:00', '09:15', 'talk', 'Morgonsamling', 'Morning gathering', { room: big, speakers: [['nora-blom', 'speaker']] }),
    item(d3, '09:15', '10:00', 'talk', 'Social innovation i glesbygd', 'Social innovation in rural areas', {
      room: big,
      track: learning.nameSv,
      speakers: [['tove-lindahl', 'speaker']],
    }),
    item(d3, '10:00', '10:30', 'break', 'Fika', 'Coffee break', { room: cafe }),
    item(d3, '10:30', '12:00', 'workshop', 'Innovationssprint: fyra utmaningar från Värmland', 'Innovation sprint: four challenges from Värmland', {
      room: big,
      track: collaboration.nameSv,
      speakers: [
        ['nora-blom', 'speaker'],
        ['maja-ekstrom', 'speaker'],
      ],
    }),
    item(d3, '10:30', '12:00', 'workshop', 'Kommunicera för mångfald', 'Communicating for diversity', {
      room: klar,
      track: learning.nameSv,
      descriptionSv: 'Hur bjuder man in så att fler än de vanliga kommer? Konkreta verktyg för inbjudningar och urval.',
      descriptionEn: 'How do you invite so that more than the usual people come? Practical tools for invitations and selection.',
      speakers: [['jesper-mattsson', 'speaker']],
    }),
    item(d3, '12:00', '13:00', 'lunch', 'Lunch', 'Lunch', { room: cafe }),
    item(d3, '13:00', '14:00', 'talk', 'Grupperna presenterar', 'The groups present', { room: big }),
    item(d3, '14:00', '14:30', 'break', 'Fika', 'Coffee break', { room: cafe }),
    item(d3, '14:30', '15:15', 'panel', 'Nästa steg för social innovation i Värmland', 'Next steps for social innovation in Värmland', {
      room: big,
      speakers: [
        ['maja-ekstrom', 'moderator'],
        ['tove-lindahl', 'panelist'],
        ['amir-haddad', 'panelist'],
        ['sofia-engstrom', 'panelist'],
      ],
    }),
    item(d3, '15:15', '16:00', 'talk', 'Avslutning och vägen framåt', 'Closing and the way forward', { room: big, speakers: [['maja-ekstrom', 'speaker']] }),
  ]
  const startsAt = at(d1, '09:00')
  return event({
    slug: 'co-days-social-innovation-varmland',
    organizationSlug: 'innovation-park',
    titleSv: 'Co-Days Social Innovation Värmland',
    titleEn: 'Co-Days Social Innovation Värmland',
    summarySv: 'Tre dagar om samverkan för social innovation i Värmland – med fler än 30 föredrag, workshoppar och samtal på Innovation Park i Karlstad.',
    summaryEn:
      'Three days on collaboration for social innovation in Värmland – more than 30 talks, workshops and conversations at Innovation Park in Karlstad.',
    descriptionSv: [
      'Co-Days samlar offentlig sektor, idéburna organisationer, företag och forskare från hela Värmland för att arbeta med samhällsutmaningar tillsammans.',
      '**Varje dag har ett tema:**',
      '- Dag 1: samverkan på riktigt – hur undviker vi stuprören?\n- Dag 2: behovsdrivna processer, upphandling och finansiering\n- Dag 3: från ord till handling, med en innovationssprint',
      'Konferensen är kostnadsfri. Platserna är begränsade och delas ut **efter inbjudan**. Vill du vara med? Kontakta Innovation Park.',
    ].join('\n\n'),
    descriptionEn: [
      'Co-Days brings together the public sector, non-profits, companies and researchers from all over Värmland to work on social challenges together.',
      '**Each day has a theme:**',
      '- Day 1: real collaboration – how do we avoid working in silos?\n- Day 2: needs-driven processes, procurement and funding\n- Day 3: from words to action, with an innovation sprint',
      'The conference is free of charge. Places are limited and given **by invitation**. Would you like to take part? Contact Innovation Park.',
    ].join('\n\n'),
    format: 'on_site',
    startsAt,
    endsAt: at(d3, '16:00'),
    venueName: 'Innovation Park',
    venueAddress: 'Universitetsgatan 4',
    postalCode: '651 88',
    city: 'Karlstad',
    county: 'varmland',
    capacityOnSite: 70,
    registrationMode: 'invite_only',
    publishedAt: publishedAt(now, startsAt),
    rooms: [
      { name: big, capacity: 120 },
      { name: klar, capacity: 30 },
      { name: vanern, capacity: 30 },
      { name: cafe, capacity: null },
    ],
    tracks: Object.values(CO_DAYS_TRACKS),
    items: withMaterialIfPast(now, 'co-days-social-innovation-varmland', items),
  })
}

/** Two fully digital days, a 295 kr ticket, theme "Crisis Driving Change". */
function siSummit(now: Date): DemoEvent {
  const d1 = nextOccurrence(now, 10, 7, { spanDays: 2 })
  const d2 = addDays(d1, 1)
  const items = [
    item(d1, '09:00', '09:15', 'talk', 'Välkommen till SI Summit', 'Welcome to SI Summit', { speakers: [['lina-sjoberg', 'speaker']] }),
    item(d1, '09:15', '10:15', 'keynote', 'Crisis Driving Change – keynote med frågestund', 'Crisis Driving Change – keynote with Q&A', {
      descriptionSv: 'Livesänd keynote om hur kriser kan driva förändring, följd av en frågestund där du ställer frågor i chatten.',
      descriptionEn: 'A livestreamed keynote on how crises can drive change, followed by Q&A where you ask questions in the chat.',
      speakers: [['aoife-brennan', 'speaker']],
    }),
    item(d1, '10:15', '10:30', 'break', 'Paus', 'Break'),
    item(
      d1,
      '10:30',
      '11:30',
      'panel',
      'Ett år kvar av regeringens strategi – ett hållbart samhälle genom socialt företagande och social innovation',
      'One year left of the government’s strategy – a sustainable society through social enterprise and social innovation',
      {
        descriptionSv:
          'Vad har den nationella strategin åstadkommit, och vad behöver hända innan den löper ut? Ett samtal mellan finansiärer, myndigheter, forskning och praktik.',
        descriptionEn:
          'What has the national strategy achieved, and what needs to happen before it ends? A conversation between funders, agencies, research and practice.',
        speakers: [
          ['lina-sjoberg', 'moderator'],
          ['henrik-malm', 'panelist'],
          ['camilla-oberg', 'panelist'],
          ['erik-dahlgren', 'panelist'],
          ['johan-nordqvist', 'panelist'],
        ],
      },
    ),
    item(d1, '11:30', '12:30', 'lunch', 'Lunchpaus', 'Lunch break'),
    item(d1, '12:30', '13:30', 'workshop', 'Digital workshop: krisen som innovationsmotor', 'Digital workshop: the crisis as an engine of innovation', {
      descriptionSv: 'I mindre digitala grupprum delar vi exempel på verksamheter som ställt om snabbt.',
      descriptionEn: 'In smaller digital breakout rooms we share examples of organisations that adapted fast.',
      speakers: [['nora-blom', 'speaker']],
    }),
    item(d1, '13:30', '14:15', 'talk', 'Sociala företag i krisens spår', 'Social enterprises in the wake of the crisis', {
      speakers: [['camilla-oberg', 'speaker']],
    }),
    item(d1, '14:15', '15:00', 'talk', 'Utfallsbaserade kontrakt – vad har vi lärt oss?', 'Outcome-based contracts – what have we learnt?', {
      speakers: [['gustav-ahlin', 'speaker']],
    }),
    item(d1, '15:00', '15:30', 'talk', 'Summering av dag 1', 'Summary of day 1', { speakers: [['lina-sjoberg', 'speaker']] }),
    item(d2, '09:00', '09:45', 'talk', 'Barnrättsinnovationer i kristid', 'Child rights innovations in times of crisis', {
      speakers: [['lucia-herrera', 'speaker']],
    }),
    item(d2, '09:45', '10:30', 'talk', 'Digital social innovation efter pandemin', 'Digital social innovation after the pandemic', {
      speakers: [['oliver-hughes', 'speaker']],
    }),
    item(d2, '10:30', '10:45', 'break', 'Paus', 'Break'),
    item(d2, '10:45', '11:45', 'panel', 'Finansiering för social innovation efter krisen', 'Funding social innovation after the crisis', {
      speakers: [
        ['katarina-ljung', 'moderator'],
        ['henrik-malm', 'panelist'],
        ['tobias-berg', 'panelist'],
        ['annika-strand', 'panelist'],
      ],
    }),
    item(d2, '11:45', '12:45', 'lunch', 'Lunchpaus', 'Lunch break'),
    item(d2, '12:45', '14:15', 'workshop', 'Digital workshop: från strategi till handling', 'Digital workshop: from strategy to action', {
      speakers: [['erik-dahlgren', 'speaker']],
    }),
    item(d2, '14:15', '15:00', 'talk', 'Avslutning – vad tar vi med oss?', 'Closing – what do we take with us?', { speakers: [['lina-sjoberg', 'speaker']] }),
  ]
  const startsAt = at(d1, '09:00')
  return event({
    slug: 'si-summit',
    organizationSlug: 'social-innovation-summit',
    titleSv: 'SI Summit – Crisis Driving Change',
    titleEn: 'SI Summit – Crisis Driving Change',
    summarySv: 'Två helt digitala dagar om kriser som driver förändring – delta var du än befinner dig, för 295 kronor.',
    summaryEn: 'Two fully digital days on crises that drive change – take part wherever you are, for SEK 295.',
    descriptionSv: [
      'Årets Social Innovation Summit har temat **Crisis Driving Change**: samtidens kriser ökar behovet av sociala innovationer som en del av lösningen.',
      'Summiten genomförs helt digitalt, så du kan delta var du än befinner dig i världen. Det har också gjort biljetten billigare: **två dagar för 295 kronor** (inklusive moms).',
      'I programmet:\n\n- en livesänd keynote med frågestund\n- en panel om regeringens strategi för socialt företagande och social innovation\n- digitala workshoppar i mindre grupper',
      'Länk till sändningen får du när du har anmält dig.',
    ].join('\n\n'),
    descriptionEn: [
      'This year’s Social Innovation Summit has the theme **Crisis Driving Change**: today’s crises increase the need for social innovation as part of the solution.',
      'The summit is fully digital, so you can take part wherever you are in the world. That has also made the ticket cheaper: **two days for SEK 295** (VAT included).',
      'On the programme:\n\n- a livestreamed keynote with Q&A\n- a panel on the government’s strategy for social enterprise and social innovation\n- digital workshops in smaller groups',
      'You get the link to the stream when you have registered.',
    ].join('\n\n'),
    format: 'online',
    startsAt,
    endsAt: at(d2, '15:00'),
    city: 'Malmö',
    county: 'skane',
    capacityOnline: null,
    publishedAt: publishedAt(now, startsAt),
    ticketTypes: [{ nameSv: 'Digital biljett, två dagar', nameEn: 'Digital ticket, two days', priceOre: 29500, vatRate: 25 }],
    items: withMaterialIfPast(now, 'si-summit', items),
  })
}

/** 29 September in Eskilstuna, semi-digital: 60 seats on site, online open to all. */
function sormlandDay(now: Date): DemoEvent {
  const day = nextOccurrence(now, 9, 29)
  const hall = 'Hörsalen'
  const items = [
    item(day, '09:00', '09:20', 'talk', 'Välkommen', 'Welcome', { room: hall, speakers: [['helena-kvist', 'speaker']] }),
    item(day, '09:20', '10:00', 'talk', 'Från behov till samarbete – Sopacts lärprocess', 'From needs to partnership – Sopact’s learning process', {
      room: hall,
      descriptionSv: 'Sopact och en av de sociala innovatörerna i processen berättar om att samverka med offentliga aktörer – och om de lärorika misstagen.',
      descriptionEn:
        'Sopact and one of the social innovators in the process talk about working with public bodies – and about the mistakes that taught them most.',
      speakers: [
        ['johan-nordqvist', 'speaker'],
        ['elsa-berglund', 'speaker'],
        ['nadia-karim', 'speaker'],
      ],
    }),
    item(day, '10:00', '10:20', 'break', 'Fika', 'Coffee break'),
    item(day, '10:20', '11:00', 'talk', 'Innovationsupphandling och sociala företag', 'Innovation procurement and social enterprises', {
      room: hall,
      speakers: [['anders-wikstrom', 'speaker']],
    }),
    item(day, '11:00', '11:40', 'talk', 'Region Sörmlands arbete med social ekonomi', 'Region Sörmland’s work with the social economy', {
      room: hall,
      speakers: [['maria-holm', 'speaker']],
    }),
    item(day, '11:40', '12:40', 'lunch', 'Lunch', 'Lunch'),
    item(
      day,
      '12:40',
      '13:20',
      'talk',
      'Arbetsintegrerande kooperativ – erfarenheter från Karlskrona',
      'Work-integration co-operatives – experiences from Karlskrona',
      {
        room: hall,
        speakers: [['fredrik-lund', 'speaker']],
      },
    ),
    item(day, '13:20', '14:00', 'talk', 'Vad säger forskningen om social innovation?', 'What does research say about social innovation?', {
      room: hall,
      speakers: [['karin-aberg', 'speaker']],
    }),
    item(day, '14:00', '14:20', 'break', 'Fika', 'Coffee break'),
    item(day, '14:20', '15:10', 'panel', 'Från ord till handling i Sörmland', 'From words to action in Sörmland', {
      room: hall,
      descriptionSv: 'Frågor tas emot både från salen och från dig som följer dagen digitalt.',
      descriptionEn: 'Questions are taken both from the room and from those following the day online.',
      speakers: [
        ['helena-kvist', 'moderator'],
        ['johan-nordqvist', 'panelist'],
        ['maria-holm', 'panelist'],
        ['fredrik-lund', 'panelist'],
        ['nadia-karim', 'panelist'],
      ],
    }),
    item(day, '15:10', '15:30', 'talk', 'Avslutning', 'Closing', { room: hall, speakers: [['helena-kvist', 'speaker']] }),
  ]
  const startsAt = at(day, '09:00')
  return event({
    slug: 'sormland-social-innovation-day',
    organizationSlug: 'coompanion-sormland',
    titleSv: 'Sörmland Social Innovation Day',
    titleEn: 'Sörmland Social Innovation Day',
    summarySv: 'En dag om socialt företagande och social innovation i Eskilstuna – på plats för 60 deltagare och digitalt för alla.',
    summaryEn: 'A day on social enterprise and social innovation in Eskilstuna – on site for 60 participants and online for everyone.',
    descriptionSv: [
      'Coompanion Sörmland bjuder in offentliga aktörer, idéburna organisationer och sociala företag till en dag om hur vi går från ord till handling.',
      'Dagen är **semi-digital**: 60 platser i salen och en öppen sändning för alla som vill följa med på distans. Frågor kan ställas både på plats och digitalt.',
      'Med bland andra Upphandlingsmyndigheten, Region Sörmland, ett socialt arbetskooperativ från Karlskrona och Sopact från Helsingborg.',
    ].join('\n\n'),
    descriptionEn: [
      'Coompanion Sörmland invites public bodies, non-profits and social enterprises to a day about moving from words to action.',
      'The day is **hybrid**: 60 seats in the room and an open stream for everyone who wants to follow remotely. Questions can be asked both on site and online.',
      'With the National Agency for Public Procurement, Region Sörmland, a social work co-operative from Karlskrona and Sopact from Helsingborg, among others.',
    ].join('\n\n'),
    format: 'hybrid',
    startsAt,
    endsAt: at(day, '15:30'),
    venueName: 'Munktell Science Park',
    venueAddress: 'Verkstadsgatan 11',
    postalCode: '632 20',
    city: 'Eskilstuna',
    county: 'sodermanland',
    capacityOnSite: 60,
    capacityOnline: null,
    publishedAt: publishedAt(now, startsAt),
    rooms: [{ name: hall, capacity: 60 }],
    items: withMaterialIfPast(now, 'sormland-social-innovation-day', items),
  })
}

const TEN_INNOVATIONS: Array<[sv: string, en: string]> = [
  ['Bygdeskjutsen – samåkning som binder ihop byarna', 'The Village Ride – car sharing that connects the villages'],
  ['Läxhjälp på distans för elever i glesbygd', 'Remote homework help for pupils in rural areas'],
  ['Återbruksverkstaden – jobb och ny design av kasserade möbler', 'The Reuse Workshop – jobs and new design from discarded furniture'],
  ['Matkassar med lokala råvaror till äldre', 'Grocery bags with local produce for older people'],
  ['Språkcafé på biblioteket', 'Language café at the library'],
  ['Boende för unga som lämnar familjehem', 'Housing for young people leaving foster care'],
  ['Digital träffpunkt för äldre', 'A digital meeting place for older people'],
  ['Arbetsintegrerande kafé vid älven', 'A work-integration café by the river'],
  ['Cykelköket – reparationer och praktik', 'The Bike Kitchen – repairs and work placements'],
  ['Ungas idébank – unga utvecklar sin kommun', 'Youth Idea Bank – young people develop their municipality'],
]

/**
 * At Studio Acusticum: about 200 places, ten social innovations, a researchers' lunch. The seed says
 * "Onsdagen den 3 maj", so it is held on the Wednesday nearest 3 May.
 */
function socialInnovationNorr(now: Date): DemoEvent {
  const day = nextOccurrence(now, 5, 3, { weekday: 3 })
  const hall = 'Stora salen'
  const blackBox = 'Black Box'
  const foyer = 'Foajén'
  const pitches = TEN_INNOVATIONS.map(([sv, en], index) => {
    const start = 9 * 60 + 50 + index * 10
    const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
    return item(day, clock(start), clock(start + 10), 'talk', sv, en, {
      room: hall,
      descriptionSv: `Social innovation ${index + 1} av 10 presenterar sin verksamhet på tio minuter.`,
      descriptionEn: `Social innovation ${index + 1} of 10 presents its work in ten minutes.`,
    })
  })
  const items = [
    item(day, '09:00', '09:20', 'talk', 'Välkomna till Piteå', 'Welcome to Piteå', {
      room: hall,
      speakers: [
        ['ingrid-nilsson', 'speaker'],
        ['mats-lundstrom', 'speaker'],
      ],
    }),
    item(day, '09:20', '09:50', 'keynote', 'Vad är social innovation – och vart är vi på väg?', 'What is social innovation – and where are we heading?', {
      room: hall,
      speakers: [
        ['anna-wiklund', 'speaker'],
        ['sara-holmgren', 'speaker'],
      ],
    }),
    ...pitches,
    item(day, '11:30', '12:00', 'panel', 'Samtal med de tio: vad behöver innovationssystemet?', 'Talking with the ten: what does the innovation system need?', {
      room: hall,
      descriptionSv: 'Om finansiering, stöd och vad de tio vill se mer av. Publiken och finansiärerna i salen är välkomna in i samtalet.',
      descriptionEn: 'On funding, support and what the ten want to see more of. The audience and the funders in the room are welcome to join in.',
      speakers: [['robert-sundqvist', 'moderator']],
    }),
    item(day, '12:00', '13:00', 'lunch', 'Lunch och mingel med fler initiativ', 'Lunch and mingling with more initiatives', {
      room: foyer,
      descriptionSv: 'I den öppna ytan presenterar fler initiativ sig under lunchen.',
      descriptionEn: 'More initiatives present themselves in the open area during lunch.',
    }),
    item(day, '12:00', '13:00', 'meetup', 'Forskarträff över lunch', 'Researchers’ lunch meetup', {
      room: blackBox,
      capacity: 30,
      descriptionSv:
        'Forskare från regionen träffas över lunch för att bygga ett nationellt forskarnätverk för social innovation, tillsammans med Mötesplats Social Innovation. **Egen anmälan**, 30 platser.',
      descriptionEn:
        'Researchers from the region meet over lunch to build a national research network for social innovation, together with Mötesplats Social Innovation. **Separate sign-up**, 30 places.',
      speakers: [['sara-holmgren', 'moderator']],
    }),
    item(
      day,
      '13:00',
      '14:00',
      'talk',
      'Regional samverkan för social innovation – tre projekt',
      'Regional collaboration for social innovation – three projects',
      {
        room: hall,
        descriptionSv: 'Skåne, Jönköping och Västerbotten har valt olika vägar. Tre projektledare jämför vad de har lärt sig.',
        descriptionEn: 'Skåne, Jönköping and Västerbotten chose different paths. Three project managers compare what they have learnt.',
        speakers: [
          ['lena-kullgren', 'speaker'],
          ['patrik-strom', 'speaker'],
          ['emma-lindgren', 'speaker'],
        ],
      },
    ),
    item(day, '14:00', '14:20', 'break', 'Fika', 'Coffee break', { room: foyer }),
    item(
      day,
      '14:20',
      '15:00',
      'talk',
      'Innovationsguiden – användardriven innovation i offentlig sektor',
      'The Innovation Guide – user-driven innovation in the public sector',
      {
        room: hall,
        speakers: [['ulla-tornberg', 'speaker']],
      },
    ),
    item(
      day,
      '15:00',
      '15:50',
      'panel',
      'Avslutande panel: social innovation i Norrbotten nu och framåt',
      'Closing panel: social innovation in Norrbotten now and ahead',
      {
        room: hall,
        speakers: [
          ['robert-sundqvist', 'moderator'],
          ['karl-ohman', 'panelist'],
          ['mats-lundstrom', 'panelist'],
          ['frida-westerlund', 'panelist'],
          ['alex-bjork', 'panelist'],
          ['birgitta-lind', 'panelist'],
        ],
      },
    ),
    item(day, '15:50', '16:00', 'talk', 'Tack för i dag', 'Thank you for today', { room: hall, speakers: [['ingrid-nilsson', 'speaker']] }),
  ]
  const startsAt = at(day, '09:00')
  return event({
    slug: 'social-innovation-i-norr',
    organizationSlug: 'pitea-science-park',
    titleSv: 'Social Innovation i Norr',
    titleEn: 'Social Innovation i Norr',
    summarySv: 'Tio sociala innovationer, regional samverkan och en forskarträff – en dag på Studio Acusticum i Piteå för omkring 200 deltagare.',
    summaryEn: 'Ten social innovations, regional collaboration and a researchers’ meetup – a day at Studio Acusticum in Piteå for about 200 participants.',
    descriptionSv: [
      'Social Innovation i Norr samlar offentliga, privata och ideella aktörer och akademi från hela norra Sverige.',
      '**Tio sociala innovationer** presenterar sina verksamheter och samtalar sedan om vad de vill se mer av i innovationssystemet. Efter lunch jämför tre regionala projekt sina vägar, och dagen avslutas med en panel om möjligheterna framåt.',
      'Under lunchen träffas forskarna i en egen **forskarträff** med separat anmälan och 30 platser.',
      'Presentationerna publiceras här efter konferensen.',
    ].join('\n\n'),
    descriptionEn: [
      'Social Innovation i Norr brings together public, private and non-profit actors and academia from all over northern Sweden.',
      '**Ten social innovations** present their work and then talk about what they want to see more of in the innovation system. After lunch three regional projects compare their approaches, and the day ends with a panel on the opportunities ahead.',
      'Over lunch, researchers meet in a separate **researchers’ meetup** with its own sign-up and 30 places.',
      'The presentations are published here after the conference.',
    ].join('\n\n'),
    format: 'on_site',
    startsAt,
    endsAt: at(day, '16:00'),
    venueName: 'Studio Acusticum',
    venueAddress: 'Svensgatan 1',
    postalCode: '941 63',
    city: 'Piteå',
    county: 'norrbotten',
    capacityOnSite: 200,
    publishedAt: publishedAt(now, startsAt),
    rooms: [
      { name: hall, capacity: 200 },
      { name: blackBox, capacity: 30 },
      { name: foyer, capacity: null },
    ],
    items: withMaterialIfPast(now, 'social-innovation-i-norr', items),
  })
}

const SOPACT_ROOMS = ['Hallen', 'Verkstaden', 'Containern', 'Bryggan']
const SOPACT_TRACKS = [
  { nameSv: 'Stadsdelsutveckling', nameEn: 'Neighbourhood development' },
  { nameSv: 'Tryckeriet', nameEn: 'Tryckeriet' },
  { nameSv: 'Meningsfull vardag', nameEn: 'A meaningful everyday life' },
  { nameSv: 'Ofrivillig ensamhet', nameEn: 'Involuntary loneliness' },
]

/** Two days in May at Pixlapiren; interest registration now, registration opens later. */
function sopactRecruitmentLab(now: Date): DemoEvent {
  const d1 = nextOccurrence(now, 5, 21, { spanDays: 2 })
  const d2 = addDays(d1, 1)
  const hall = 'Hallen'
  const workshop = 'Verkstaden'
  const items = [
    item(d1, '09:00', '09:30', 'talk', 'Välkomna till Pixlapiren', 'Welcome to Pixlapiren', { room: hall, speakers: [['johan-nordqvist', 'speaker']] }),
    item(d1, '09:30', '10:30', 'talk', 'Den inkluderande staden – fyra samhällsutmaningar', 'The inclusive city – four social challenges', {
      room: hall,
      descriptionSv: 'Fyra förvaltningar i Helsingborgs stad presenterar de behov de har identifierat.',
      descriptionEn: 'Four departments of the City of Helsingborg present the needs they have identified.',
      speakers: [['elsa-berglund', 'speaker']],
    }),
    item(d1, '10:30', '12:00', 'workshop', 'Möt förvaltningarna', 'Meet the city departments', { room: workshop }),
    item(d1, '12:00', '13:00', 'lunch', 'Lunch', 'Lunch', { room: hall }),
    ...SOPACT_TRACKS.map((track, index) =>
      item(d1, '13:00', '15:30', 'workshop', `Idéverkstad: ${track.nameSv.toLowerCase()}`, `Idea workshop: ${track.nameEn.toLowerCase()}`, {
        room: SOPACT_ROOMS[index],
        track: track.nameSv,
      }),
    ),
    item(d1, '15:30', '16:00', 'talk', 'Dagens summering', 'Summary of the day', { room: hall, speakers: [['elsa-berglund', 'speaker']] }),
    item(d2, '09:00', '11:30', 'workshop', 'Iterera med invånare och kunskapspartner', 'Iterate with residents and knowledge partners', { room: workshop }),
    item(d2, '11:30', '12:30', 'lunch', 'Lunch', 'Lunch', { room: hall }),
    item(d2, '12:30', '15:00', 'workshop', 'Presentera och få återkoppling', 'Present and get feedback', { room: hall }),
    item(d2, '15:00', '16:00', 'talk', 'Så anmäler du ditt fortsatta intresse', 'How to register your continued interest', {
      room: hall,
      speakers: [['johan-nordqvist', 'speaker']],
    }),
  ]
  const startsAt = at(d1, '09:00')
  // Interest registration is open now; the real registration opens about six weeks before the lab.
  const sixWeeksBefore = addDays(d1, -42)
  const aWeekFromNow = addDays(stockholmToday(now), 7)
  const opensOn = at(sixWeeksBefore, '09:00') > at(aWeekFromNow, '09:00') ? sixWeeksBefore : aWeekFromNow
  return event({
    slug: 'sopact-rekryteringslabb-helsingborg',
    organizationSlug: 'sopact',
    titleSv: 'Rekryteringslabb för sociala innovatörer',
    titleEn: 'Recruitment lab for social innovators',
    summarySv: 'Två kreativa dagar på Pixlapiren i Helsingborg där sociala innovatörer möter fyra förvaltningar och deras samhällsutmaningar.',
    summaryEn: 'Two creative days at Pixlapiren in Helsingborg where social innovators meet four city departments and their social challenges.',
    descriptionSv: [
      'Sopacts behovsdrivna lärprocess utgår från verkliga behov hos fyra förvaltningar i Helsingborgs stad, samlade under rubriken **Den inkluderande staden**.',
      'På rekryteringslabbet träffar du förvaltningarna, projektets kunskapspartner, invånare och oss på Sopact. Du kanske är entreprenör, intraprenör, forskare eller student – i Skåne eller någon annanstans i Sverige.',
      'De som väljs ut arbetar sedan tillsammans med Sopacts affärsutvecklare i testmiljöer nära respektive förvaltning.',
      '**Anmäl ditt intresse redan nu**, så hör vi av oss när anmälan öppnar.',
    ].join('\n\n'),
    descriptionEn: [
      'Sopact’s needs-driven learning process starts from the real needs of four departments of the City of Helsingborg, gathered under the heading **The inclusive city**.',
      'At the recruitment lab you meet the departments, the project’s knowledge partners, residents and us at Sopact. You might be an entrepreneur, intrapreneur, researcher or student – in Skåne or elsewhere in Sweden.',
      'Those selected then work with Sopact’s business developers in test environments close to each department.',
      '**Register your interest now**, and we will get in touch when registration opens.',
    ].join('\n\n'),
    format: 'on_site',
    startsAt,
    endsAt: at(d2, '16:00'),
    venueName: 'Pixlapiren',
    venueAddress: 'Oslopiren',
    postalCode: '252 25',
    city: 'Helsingborg',
    county: 'skane',
    capacityOnSite: 40,
    registrationMode: 'interest_only',
    registrationOpensAt: at(opensOn, '09:00'),
    publishedAt: publishedAt(now, startsAt),
    rooms: SOPACT_ROOMS.map((name, index) => ({ name, capacity: index === 0 ? 40 : 12 })),
    tracks: SOPACT_TRACKS,
    items: withMaterialIfPast(now, 'sopact-rekryteringslabb-helsingborg', items),
  })
}
