import { event, item, publishedAt } from './demo-builders.ts'
import { addDays, at, nearestWeekday, nextOccurrence, nextWeekday, previousOccurrence, stockholmToday } from './demo-calendar.ts'
import type { DemoEvent, DemoSeries } from './demo-types.ts'

/**
 * Mötesplats Social Innovation's digital programme: two webinars, the Re-Act conversation series,
 * the series on the rights of the child (one part already held), a past webinar with its recording,
 * and one draft for the organizer console.
 */
const MSI = 'motesplats-social-innovation'

export const RE_ACT_SERIES = 're-act'
export const CHILD_RIGHTS_SERIES = 'innovationer-och-samverkan-for-barnets-ratt'

export const demoSeries: DemoSeries[] = [
  {
    slug: RE_ACT_SERIES,
    organizationSlug: MSI,
    titleSv: 'Re-Act – en samtalsserie om omställning i kris',
    titleEn: 'Re-Act – a conversation series on adapting in a crisis',
    summarySv: 'Digitala samtal om re-skilling, omställning och samhandling när samhället skiftar snabbt.',
    summaryEn: 'Digital conversations on reskilling, transition and joint action when society shifts fast.',
    descriptionSv: [
      'Kriser tvingar företag, organisationer och människor att tänka om och tänka nytt – och anpassningen måste gå fort.',
      'I **Re-Act** samtalar vi om vilka förmågor som premieras i Sverige i dag, och om hur krisen kan få oss att omvärdera kunskap och kompetens.',
      'Serien arrangeras av Mötesplats Social Innovation tillsammans med NetPort Science Park och Region Blekinge. Du kan anmäla dig till hela serien eller till en del i taget.',
    ].join('\n\n'),
    descriptionEn: [
      'Crises force companies, organisations and people to rethink – and the adaptation has to happen fast.',
      'In **Re-Act** we talk about which abilities are valued in Sweden today, and how the crisis could make us re-evaluate knowledge and skills.',
      'The series is organised by Mötesplats Social Innovation together with NetPort Science Park and Region Blekinge. You can register for the whole series or for one part at a time.',
    ].join('\n\n'),
    status: 'published',
  },
  {
    slug: CHILD_RIGHTS_SERIES,
    organizationSlug: MSI,
    titleSv: 'Innovationer och samverkan för barnets rätt',
    titleEn: 'Innovation and collaboration for the rights of the child',
    summarySv: 'En samtalsserie om Barnkonventionen och Agenda 2030 i praktiken – för dig som planerar, designar eller förvaltar samhället.',
    summaryEn:
      'A conversation series on the UN Convention on the Rights of the Child and Agenda 2030 in practice – for people who plan, design or run society.',
    descriptionSv: [
      'Runt om i Sverige finns metoder och initiativ som gör barns rättigheter verkliga: barnkonsekvensanalyser, barnbudgetar, barnledda promenader, läxhjälp och hjälpmedel som låter barn delta på lika villkor. Vi kallar dem **barnrättsinnovationer**.',
      'Samtidigt får många barn inte sina rättigheter tillgodosedda. I serien tar vi upp:',
      '- trygga offentliga utomhusmiljöer för och med barn och unga\n- vad ett barnrättsperspektiv tillför mobilitetsfrågan\n- hållbar matproduktion sedd ur barnets perspektiv',
      'Serien är kostnadsfri. Kontakta arbetsgruppen på [barnrattsserien@example.org](mailto:barnrattsserien@example.org).',
    ].join('\n\n'),
    descriptionEn: [
      'All over Sweden there are methods and initiatives that make children’s rights real: child impact assessments, child budgets, child-led walks, homework help and aids that let children take part on equal terms. We call them **child rights innovations**.',
      'At the same time, many children do not have their rights met. In the series we discuss:',
      '- safe public outdoor spaces for and with children and young people\n- what a child rights perspective brings to mobility\n- sustainable food production seen from the child’s perspective',
      'The series is free of charge. Contact the working group at [barnrattsserien@example.org](mailto:barnrattsserien@example.org).',
    ].join('\n\n'),
    status: 'published',
  },
]

export function demoWebinars(now: Date): DemoEvent[] {
  return [
    socialEntrepreneurshipImpact(now),
    doingWellByDoingGood(now),
    ...reAct(now),
    ...childRights(now),
    digitalSocialInnovation(now),
    skaneMeetup(now),
    lastYearsForum(now),
    draftBreakfast(now),
  ]
}

function socialEntrepreneurshipImpact(now: Date): DemoEvent {
  const day = nextOccurrence(now, 5, 25)
  const startsAt = at(day, '09:00')
  return event({
    slug: 'socialt-entreprenorskap-ger-det-nagon-effekt',
    organizationSlug: MSI,
    titleSv: 'Socialt entreprenörskap – ger det någon effekt?',
    titleEn: 'Social entrepreneurship – does it make a difference?',
    summarySv: 'Webbinarium om hur vi vet att sociala företags insatser faktiskt ger effekt – från forskning, kontraktsmodeller och effektmätning.',
    summaryEn: 'A webinar on how we know that social enterprises actually make a difference – from research, contract models and impact measurement.',
    descriptionSv: [
      'En växande grupp entreprenörer möter samhällsutmaningar inom välfärden, i både privat och idéburen sektor. Men hur vet vi att deras insatser ger effekt?',
      'Regeringens strategi för socialt företagande efterfrågar fler mötesplatser, fler finansieringsalternativ och **bättre effektmätning**. I webbinariet möts forskning och praktik:',
      '- ekonomiska argument för tidiga och sociala insatser\n- kontrakt där parterna får incitament att nå bästa möjliga utfall\n- en effekttrappa för att mäta, öka och visa samhällsnytta',
      'Arrangeras av Entreprenörskapsforum, Örebro universitet och Mötesplats Social Innovation.',
    ].join('\n\n'),
    descriptionEn: [
      'A growing group of entrepreneurs takes on social challenges in welfare, in both the private and the non-profit sector. But how do we know that their work makes a difference?',
      'The government’s strategy for social enterprise calls for more meeting places, more funding options and **better impact measurement**. In this webinar research and practice meet:',
      '- the economic case for early and social interventions\n- contracts that give the parties an incentive to reach the best outcome\n- an impact staircase for measuring, increasing and showing social value',
      'Organised by Entreprenörskapsforum, Örebro University and Mötesplats Social Innovation.',
    ].join('\n\n'),
    format: 'online',
    startsAt,
    endsAt: at(day, '10:30'),
    capacityOnline: 250,
    publishedAt: publishedAt(now, startsAt),
    items: [
      item(day, '09:00', '09:20', 'talk', 'Vad säger forskningen?', 'What does research say?', { speakers: [['eva-vinberg', 'speaker']] }),
      item(day, '09:20', '09:35', 'talk', 'Nya lösningar för välfärdssektorn', 'New solutions for the welfare sector', {
        speakers: [['tobias-berg', 'speaker']],
      }),
      item(day, '09:35', '09:50', 'talk', 'Utfallsbaserade kontrakt med kommuner', 'Outcome-based contracts with municipalities', {
        speakers: [['gustav-ahlin', 'speaker']],
      }),
      item(day, '09:50', '10:05', 'talk', 'Effekttrappan – mät, öka och visa samhällsnytta', 'The impact staircase – measure, increase and show social value', {
        speakers: [['annika-strand', 'speaker']],
      }),
      item(day, '10:05', '10:30', 'panel', 'Samtal utifrån era frågor', 'Conversation based on your questions', {
        speakers: [
          ['katarina-ljung', 'moderator'],
          ['eva-vinberg', 'panelist'],
          ['tobias-berg', 'panelist'],
          ['gustav-ahlin', 'panelist'],
          ['annika-strand', 'panelist'],
        ],
      }),
    ],
  })
}

function doingWellByDoingGood(now: Date): DemoEvent {
  const day = nextOccurrence(now, 5, 12)
  const startsAt = at(day, '10:00')
  return event({
    slug: 'doing-well-by-doing-good',
    organizationSlug: MSI,
    titleSv: 'Doing well by doing good – dubbel nytta för företag',
    titleEn: 'Doing well by doing good – shared value for business',
    summarySv:
      'Webbinarium om företag som tjänar på att lösa samhällsutmaningar – med en ny kunskapsöversikt och exempel från byggbranschen och offentliga miljöer.',
    summaryEn:
      'A webinar on companies that profit from solving social challenges – with a new research overview and examples from construction and public spaces.',
    descriptionSv: [
      'Allt fler företag ser det som en affärsstrategi att ta sig an samhällsutmaningar. Ett bostadsbolag förlorar på hemlöshet; ett försäkringsbolag förlorar på ohälsa. Det kallas **shared value** – dubbel nytta.',
      'En forskare presenterar en kunskapsöversikt om partnerskap och företagsstrategi, och två företag berättar hur de arbetar med trygghet och sociala värden i praktiken.',
      '*Se varje hållbarhetsutmaning som din nästa marknad.*',
    ].join('\n\n'),
    descriptionEn: [
      'More and more companies see taking on social challenges as a business strategy. A housing company loses from homelessness; an insurer loses from ill health. It is called **shared value**.',
      'A researcher presents a research overview on partnerships and business strategy, and two companies describe how they work with safety and social value in practice.',
      '*See every sustainability challenge as your next market.*',
    ].join('\n\n'),
    format: 'online',
    startsAt,
    endsAt: at(day, '11:30'),
    publishedAt: publishedAt(now, startsAt),
    items: [
      item(
        day,
        '10:00',
        '10:30',
        'talk',
        'Kunskapsöversikt: hållbarhet, partnerskap och företagsstrategi',
        'Research overview: sustainability, partnership and business strategy',
        {
          speakers: [['magnus-ekholm', 'speaker']],
        },
      ),
      item(day, '10:30', '10:50', 'talk', 'Sociala värden i byggprojekt', 'Social value in construction projects', { speakers: [['linnea-falk', 'speaker']] }),
      item(day, '10:50', '11:10', 'talk', 'Trygghet runt offentliga toaletter', 'Safety around public toilets', { speakers: [['oskar-nyberg', 'speaker']] }),
      item(day, '11:10', '11:30', 'panel', 'Frågor och samtal', 'Questions and conversation', {
        speakers: [
          ['lina-sjoberg', 'moderator'],
          ['magnus-ekholm', 'panelist'],
          ['linnea-falk', 'panelist'],
          ['oskar-nyberg', 'panelist'],
        ],
      }),
    ],
  })
}

/** Two parts: 8 May, then 12 June at 09:00, in the same year so the parts stay in order. */
function reAct(now: Date): DemoEvent[] {
  const first = nextOccurrence(now, 5, 8)
  const second = nextOccurrence(at(first, '00:00'), 6, 12, { minDaysAhead: 1 })
  const partOne = event({
    slug: 're-act-del-1',
    organizationSlug: MSI,
    seriesSlug: RE_ACT_SERIES,
    seriesPosition: 1,
    titleSv: 'Re-Act del 1: Omställning i kristid – en tillbakablick',
    titleEn: 'Re-Act part 1: Adapting in times of crisis – a look back',
    summarySv: 'Vad kan historien lära oss om re-skilling och omställning, och vilka förmågor premieras i Sverige i dag?',
    summaryEn: 'What can history teach us about reskilling and transition, and which abilities are valued in Sweden today?',
    descriptionSv: [
      'Flygvärdinnor blir vårdpersonal, kulturarbetare plockar bär och unga gamers hjälper lärare. I seriens första del blickar vi tillbaka på omställning i tidigare kriser.',
      'Kan den här krisen få oss att omvärdera kunskap och kompetens – och se förmågor som inte står i något CV?',
    ].join('\n\n'),
    descriptionEn: [
      'Flight attendants become care staff, cultural workers pick berries and young gamers help teachers. In the first part of the series we look back at transitions in earlier crises.',
      'Could this crisis make us re-evaluate knowledge and skills – and see abilities that are on no CV?',
    ].join('\n\n'),
    format: 'online',
    startsAt: at(first, '10:00'),
    endsAt: at(first, '11:30'),
    publishedAt: publishedAt(now, at(first, '10:00')),
    items: [
      item(first, '10:00', '10:10', 'talk', 'Välkommen till Re-Act', 'Welcome to Re-Act', { speakers: [['lina-sjoberg', 'speaker']] }),
      item(first, '10:10', '11:20', 'panel', 'Vilka förmågor premieras i Sverige i dag?', 'Which abilities are valued in Sweden today?', {
        speakers: [
          ['lina-sjoberg', 'moderator'],
          ['goran-wallin', 'panelist'],
          ['ida-forsell', 'panelist'],
          ['therese-fransson', 'panelist'],
        ],
      }),
      item(first, '11:20', '11:30', 'talk', 'Tips att läsa vidare', 'Further reading', { speakers: [['lina-sjoberg', 'speaker']] }),
    ],
  })
  const partTwo = event({
    slug: 're-act-del-2',
    organizationSlug: MSI,
    seriesSlug: RE_ACT_SERIES,
    seriesPosition: 2,
    titleSv: 'Re-Act del 2: Näringslivet ställer om för överlevnad',
    titleEn: 'Re-Act part 2: Business adapts to survive',
    summarySv: 'Om industrins omställningsförmåga, krisberedskap och organisatorisk resiliens – med utgångspunkt i ny forskning.',
    summaryEn: 'On industry’s ability to adapt, crisis preparedness and organisational resilience – starting from new research.',
    descriptionSv: [
      'I seriens andra del tar vi avstamp i ett forskningsprojekt om hur industrin ställt om under krisen. Därefter samtalar en panel från offentlig upphandling, kulturarv och edtech om att ställa om för att överleva.',
      'Du kan lyssna live och ställa frågor under samtalet.',
    ].join('\n\n'),
    descriptionEn: [
      'The second part of the series starts from a research project on how industry adapted during the crisis. A panel from public procurement, cultural heritage and edtech then discusses adapting to survive.',
      'You can listen live and ask questions during the conversation.',
    ].join('\n\n'),
    format: 'online',
    startsAt: at(second, '09:00'),
    endsAt: at(second, '10:30'),
    publishedAt: publishedAt(now, at(second, '09:00')),
    items: [
      item(second, '09:00', '09:20', 'talk', 'Industrins omställningsförmåga i kris', 'Industry’s ability to adapt in a crisis', {
        speakers: [['joel-nordin', 'speaker']],
      }),
      item(second, '09:20', '10:30', 'panel', 'Att ställa om för att överleva', 'Adapting to survive', {
        speakers: [
          ['paula-moberg', 'moderator'],
          ['isabella-marino', 'panelist'],
          ['joel-nordin', 'panelist'],
          ['mikaela-jonsson', 'panelist'],
          ['viktor-lindgren', 'panelist'],
        ],
      }),
    ],
  })
  return [partOne, partTwo]
}

/** Part 1 was held last 9 June (with a recording); parts 2 and 3 are coming up. */
function childRights(now: Date): DemoEvent[] {
  const first = previousOccurrence(now, 6, 9)
  const second = nextWeekday(now, 2, 21)
  const third = addDays(second, 35)
  const common = { organizationSlug: MSI, seriesSlug: CHILD_RIGHTS_SERIES, format: 'online' as const }
  return [
    event({
      ...common,
      slug: 'barnets-ratt-trygga-utomhusmiljoer',
      seriesPosition: 1,
      titleSv: 'Trygga offentliga utomhusmiljöer för och med barn och unga',
      titleEn: 'Safe public outdoor spaces for and with children and young people',
      summarySv: 'Seriens första del: hur skapar vi trygga platser i staden tillsammans med barnen själva?',
      summaryEn: 'The first part of the series: how do we create safe places in the city together with children themselves?',
      descriptionSv: 'Barn har rätt att delta när staden planeras – och vi riskerar att lösa fel problem om de inte gör det. Se inspelningen i efterhand.',
      descriptionEn:
        'Children have the right to take part when the city is planned – and we risk solving the wrong problem if they do not. Watch the recording afterwards.',
      startsAt: at(first, '13:00'),
      endsAt: at(first, '14:30'),
      publishedAt: publishedAt(now, at(first, '13:00')),
      items: [
        item(first, '13:00', '13:30', 'talk', 'Barn är medborgare här och nu', 'Children are citizens here and now', {
          speakers: [['rebecka-holm', 'speaker']],
          recordingUrl: 'https://example.org/inspelningar/barnets-ratt-trygga-utomhusmiljoer',
          slidesUrl: 'https://example.org/presentationer/barnets-ratt-trygga-utomhusmiljoer.pdf',
        }),
        item(first, '13:30', '14:30', 'panel', 'Att planera lekplatser och torg med barn', 'Planning playgrounds and squares with children', {
          speakers: [
            ['lucia-herrera', 'moderator'],
            ['rebecka-holm', 'panelist'],
            ['daniel-akesson', 'panelist'],
          ],
          recordingUrl: 'https://example.org/inspelningar/barnets-ratt-trygga-utomhusmiljoer',
        }),
      ],
    }),
    event({
      ...common,
      slug: 'barnets-ratt-mobilitet',
      seriesPosition: 2,
      titleSv: 'Barnrättsperspektiv på mobilitet',
      titleEn: 'A child rights perspective on mobility',
      summarySv: 'Vad händer med stadens gator, skolvägar och kollektivtrafik när barnets rätt är utgångspunkten?',
      summaryEn: 'What happens to the city’s streets, school routes and public transport when the rights of the child are the starting point?',
      descriptionSv: 'Seriens andra del handlar om hur barn och unga tar sig fram – och om innovationer som gör det tryggare och friare.',
      descriptionEn: 'The second part of the series is about how children and young people get around – and about innovations that make it safer and freer.',
      startsAt: at(second, '13:00'),
      endsAt: at(second, '14:30'),
      publishedAt: publishedAt(now, at(second, '13:00')),
      items: [
        item(second, '13:00', '13:30', 'talk', 'Skolvägar som barnen själva ritar', 'School routes drawn by the children', {
          speakers: [['daniel-akesson', 'speaker']],
        }),
        item(second, '13:30', '14:30', 'panel', 'Samtal: mobilitet och barnets rätt', 'Conversation: mobility and the rights of the child', {
          speakers: [
            ['lucia-herrera', 'moderator'],
            ['rebecka-holm', 'panelist'],
            ['daniel-akesson', 'panelist'],
          ],
        }),
      ],
    }),
    event({
      ...common,
      slug: 'barnets-ratt-hallbar-mat',
      seriesPosition: 3,
      titleSv: 'Hållbar matproduktion ur barnets perspektiv',
      titleEn: 'Sustainable food production from the child’s perspective',
      summarySv: 'Från skollunchen till lokala odlingar: vilka innovationer behövs när barnets rätt styr?',
      summaryEn: 'From school lunches to local growing: which innovations are needed when the rights of the child lead?',
      descriptionSv: 'Seriens tredje del tar upp skolmåltiden som trygghet och hur barn kan vara med och forma ett hållbart matsystem.',
      descriptionEn: 'The third part of the series looks at school meals as security and how children can help shape a sustainable food system.',
      startsAt: at(third, '13:00'),
      endsAt: at(third, '14:30'),
      publishedAt: publishedAt(now, at(third, '13:00')),
      items: [
        item(third, '13:00', '14:30', 'panel', 'Samtal: maten, barnen och framtiden', 'Conversation: food, children and the future', {
          speakers: [
            ['lucia-herrera', 'moderator'],
            ['rebecka-holm', 'panelist'],
          ],
        }),
      ],
    }),
  ]
}

/** Held last October; recording and slides are published on the items. */
function digitalSocialInnovation(now: Date): DemoEvent {
  const day = previousOccurrence(now, 10, 15)
  const startsAt = at(day, '15:00')
  return event({
    slug: 'digital-social-innovation',
    organizationSlug: MSI,
    titleSv: 'Digital social innovation och kollektiv intelligens',
    titleEn: 'Digital social innovation and collective intelligence',
    summarySv: 'Hur kan mänsklig och maskinell intelligens kombineras för att lösa sociala utmaningar? Se webbinariet i efterhand.',
    summaryEn: 'How can human and machine intelligence be combined to solve social challenges? Watch the webinar afterwards.',
    descriptionSv: [
      'Tekniken har fått en viktig och möjliggörande roll när människors liv ska förbättras. I webbinariet ges en översikt över hur fältet vuxit fram, med inspirerande exempel på **kollektiv intelligens**.',
      'Inspelningen och bilderna finns under programpunkterna nedan.',
    ].join('\n\n'),
    descriptionEn: [
      'Technology has come to play an important, enabling role in improving people’s lives. The webinar gives an overview of how the field has evolved, with inspiring examples of **collective intelligence**.',
      'The recording and the slides are available under the programme items below.',
    ].join('\n\n'),
    format: 'online',
    startsAt,
    endsAt: at(day, '16:00'),
    publishedAt: publishedAt(now, startsAt),
    items: [
      item(
        day,
        '15:00',
        '15:40',
        'talk',
        'När människor och maskiner löser sociala utmaningar tillsammans',
        'When people and machines solve social challenges together',
        {
          speakers: [['oliver-hughes', 'speaker']],
          recordingUrl: 'https://example.org/inspelningar/digital-social-innovation',
          slidesUrl: 'https://example.org/presentationer/digital-social-innovation.pdf',
        },
      ),
      item(day, '15:40', '16:00', 'panel', 'Frågor och samtal', 'Questions and conversation', {
        speakers: [
          ['lina-sjoberg', 'moderator'],
          ['oliver-hughes', 'panelist'],
        ],
        recordingUrl: 'https://example.org/inspelningar/digital-social-innovation#fragor',
        slidesUrl: 'https://example.org/presentationer/digital-social-innovation.pdf',
      }),
    ],
  })
}

/**
 * Held last September, on site in Malmö and streamed: the demo's past event with check-ins and
 * no-shows for the dashboard (demo-attendance.server.ts), and registrations from several sectors.
 */
function skaneMeetup(now: Date): DemoEvent {
  const day = previousOccurrence(now, 9, 17)
  const startsAt = at(day, '13:00')
  return event({
    slug: 'natverkstraff-social-innovation-skane',
    organizationSlug: MSI,
    titleSv: 'Nätverksträff: social innovation i Skåne',
    titleEn: 'Network meeting: social innovation in Skåne',
    summarySv: 'En eftermiddag för kommuner, idéburna organisationer, företag och forskare som driver social innovation i Skåne.',
    summaryEn: 'An afternoon for municipalities, civil society, companies and researchers working on social innovation in Skåne.',
    descriptionSv: 'Korta presentationer av pågående projekt, samtal i mindre grupper och mingel. Träffen sändes också digitalt.',
    descriptionEn: 'Short presentations of ongoing projects, conversations in small groups and mingling. The meeting was also streamed.',
    format: 'hybrid',
    startsAt,
    endsAt: at(day, '16:00'),
    venueName: 'Malmö universitet, Orkanen',
    venueAddress: 'Nordenskiöldsgatan 10',
    postalCode: '211 19',
    city: 'Malmö',
    county: 'skane',
    capacityOnSite: 60,
    capacityOnline: null,
    publishedAt: publishedAt(now, startsAt),
    rooms: [{ name: 'Orkanen, sal D138', capacity: 60 }],
    items: [
      item(day, '13:00', '14:00', 'talk', 'Projekt som förändrar: fem korta presentationer', 'Projects that make a difference: five short talks', {
        room: 'Orkanen, sal D138',
      }),
      item(day, '14:00', '14:30', 'break', 'Fika', 'Coffee break', { room: 'Orkanen, sal D138' }),
      item(day, '14:30', '16:00', 'workshop', 'Samtal i mindre grupper', 'Conversations in small groups', { room: 'Orkanen, sal D138' }),
    ],
  })
}

/** The slug of the demo's event whose retention has passed (ADR 0031; app/demo/demo-retention.server.ts). */
export const ANONYMIZED_DEMO_EVENT = 'valfardsforum-vasteras'

/**
 * Held about 14 months ago (a Tuesday), so the organization's 12 months of retention have passed:
 * the demo loads it already anonymized, with its counts by sector, län and mode intact.
 */
function lastYearsForum(now: Date): DemoEvent {
  const day = nearestWeekday(addDays(stockholmToday(now), -430), 2)
  const startsAt = at(day, '09:30')
  return event({
    slug: ANONYMIZED_DEMO_EVENT,
    organizationSlug: MSI,
    titleSv: 'Välfärdsforum Västerås: social innovation i välfärden',
    titleEn: 'Welfare forum Västerås: social innovation in welfare',
    summarySv: 'En dag om hur kommuner, regioner och idéburna organisationer utvecklar välfärden tillsammans.',
    summaryEn: 'A day on how municipalities, regions and civil society develop welfare together.',
    descriptionSv: 'Föreläsningar, samtal och workshoppar om idéburet offentligt partnerskap och sociala investeringar. Forumet sändes också digitalt.',
    descriptionEn: 'Talks, conversations and workshops on public–civil society partnerships and social investment. The forum was also streamed.',
    format: 'hybrid',
    startsAt,
    endsAt: at(day, '16:00'),
    venueName: 'Aros Congress Center',
    venueAddress: 'Munkgatan 1',
    postalCode: '722 12',
    city: 'Västerås',
    county: 'vastmanland',
    capacityOnSite: 80,
    capacityOnline: null,
    publishedAt: publishedAt(now, startsAt),
    rooms: [{ name: 'Aros Congress Center, Blå salen', capacity: 80 }],
    items: [
      item(day, '09:30', '10:30', 'keynote', 'Välfärd som vi bygger tillsammans', 'Welfare we build together', { room: 'Aros Congress Center, Blå salen' }),
      item(day, '10:30', '12:00', 'workshop', 'Idéburet offentligt partnerskap i praktiken', 'Public–civil society partnerships in practice', {
        room: 'Aros Congress Center, Blå salen',
      }),
      item(day, '13:00', '16:00', 'panel', 'Sociala investeringar: vad har vi lärt oss?', 'Social investment: what have we learnt?', {
        room: 'Aros Congress Center, Blå salen',
      }),
    ],
  })
}

/** Not yet published: something to open in the organizer console. */
function draftBreakfast(now: Date): DemoEvent {
  const day = nextWeekday(now, 4, 42)
  return event({
    slug: 'frukostmote-samhallsentreprenorskap',
    organizationSlug: MSI,
    status: 'draft',
    titleSv: 'Frukostmöte om samhällsentreprenörskap',
    titleEn: 'Breakfast meeting on social entrepreneurship',
    summarySv: 'Utkast: ett frukostmöte för samhällsentreprenörer och kommuner i Malmö.',
    summaryEn: 'Draft: a breakfast meeting for social entrepreneurs and municipalities in Malmö.',
    descriptionSv: 'Programmet är inte klart ännu.',
    descriptionEn: 'The programme is not ready yet.',
    format: 'on_site',
    startsAt: at(day, '08:00'),
    endsAt: at(day, '09:30'),
    venueName: 'Malmö universitet, Niagara',
    venueAddress: 'Nordenskiöldsgatan 1',
    postalCode: '211 19',
    city: 'Malmö',
    county: 'skane',
    capacityOnSite: 40,
    publishedAt: null,
    rooms: [{ name: 'Sal C0E11', capacity: 40 }],
    items: [],
  })
}
