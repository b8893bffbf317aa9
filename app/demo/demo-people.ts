import { speaker } from './demo-builders.ts'
import type { DemoOrganization, DemoPerson, DemoSpeaker } from './demo-types.ts'

/**
 * Organizations, accounts and speaker profiles of the demo. Organizations and places are real;
 * every person is made up, and every e-mail address is under example.org.
 */
export const DEMO_OWNER_EMAIL = 'arrangor@example.org'
export const DEMO_ORGANIZER_EMAIL = 'organisator@example.org'
export const DEMO_VIEWER_EMAIL = 'lasare@example.org'
export const DEMO_SPEAKER_EMAIL = 'talare@example.org'

export const demoOrganizations: DemoOrganization[] = [
  {
    slug: 'innovation-park',
    name: 'Innovation Park',
    county: 'varmland',
    website: 'https://karlstadinnovationpark.se',
    contactEmail: 'innovation-park@example.org',
    aboutSv:
      'Innovation Park i Karlstad är en mötesplats för innovationssamverkan i hela Värmland. Här möts näringsliv, akademi och offentlig sektor i aktiviteter och processer, ett stenkast från Karlstads universitet.',
    aboutEn:
      'Innovation Park in Karlstad is a meeting place for innovation collaboration across Värmland. Business, academia and the public sector meet here in activities and processes, a stone’s throw from Karlstad University.',
  },
  {
    slug: 'motesplats-social-innovation',
    name: 'Mötesplats Social Innovation',
    county: 'skane',
    website: 'https://socialinnovation.se',
    contactEmail: 'motesplats@example.org',
    aboutSv:
      'Mötesplats Social Innovation (MSI) är en nationell kunskapsplattform med bas i Malmö. Vi samlar offentlig sektor, idéburna organisationer, näringsliv och forskning kring social innovation och samhällsentreprenörskap – i webbinarier, samtalsserier och kunskapsöversikter.',
    aboutEn:
      'Forum for Social Innovation Sweden (Mötesplats Social Innovation, MSI) is a national knowledge platform based in Malmö. We bring together the public sector, civil society, business and research around social innovation and social entrepreneurship – in webinars, conversation series and research overviews.',
  },
  {
    slug: 'coompanion-sormland',
    name: 'Coompanion Sörmland',
    county: 'sodermanland',
    website: 'https://coompanion.se',
    contactEmail: 'coompanion-sormland@example.org',
    aboutSv:
      'Coompanion Sörmland ger råd till kooperativ och sociala företag och driver ett regionalt nätverk för offentliga aktörer som vill arbeta med social innovation och socialt företagande.',
    aboutEn:
      'Coompanion Sörmland advises co-operatives and social enterprises and runs a regional network for public bodies that want to work with social innovation and social enterprise.',
  },
  {
    slug: 'pitea-science-park',
    name: 'Piteå Science Park',
    county: 'norrbotten',
    website: 'https://www.piteasciencepark.se',
    contactEmail: 'pitea-science-park@example.org',
    aboutSv:
      'Piteå Science Park bygger innovationsmiljöer i Norrbotten och driver konserthuset Studio Acusticum. Tillsammans med Piteå kommun arrangerar vi konferensen Social Innovation i Norr.',
    aboutEn:
      'Piteå Science Park builds innovation environments in Norrbotten and runs the Studio Acusticum concert hall. Together with Piteå Municipality we organise the Social Innovation i Norr conference.',
  },
  {
    slug: 'social-innovation-summit',
    name: 'Social Innovation Summit',
    county: 'skane',
    website: 'https://example.org/si-summit',
    contactEmail: 'si-summit@example.org',
    aboutSv:
      'Social Innovation Summit (SI Summit) är en årlig mötesplats i Malmö för alla som arbetar med sociala innovationer – från kommuner och regioner till civilsamhälle, forskning och företag.',
    aboutEn:
      'Social Innovation Summit (SI Summit) is a yearly meeting place in Malmö for everyone working with social innovation – from municipalities and regions to civil society, research and business.',
  },
  {
    slug: 'sopact',
    name: 'Sopact',
    county: 'skane',
    website: 'https://example.org/sopact',
    contactEmail: 'sopact@example.org',
    aboutSv:
      'Sopact i Helsingborg stöttar sociala innovatörer och driver en behovsdriven lärprocess tillsammans med Helsingborgs stad, med finansiering från bland andra Vinnova och Lunds universitet.',
    aboutEn:
      'Sopact in Helsingborg supports social innovators and runs a needs-driven learning process with the City of Helsingborg, funded by Vinnova and Lund University among others.',
  },
]

export const demoPeople: DemoPerson[] = [
  {
    email: DEMO_OWNER_EMAIL,
    name: 'Anna Arrangör',
    locale: 'sv',
    memberships: demoOrganizations.map((organization) => ({ organizationSlug: organization.slug, role: 'owner' as const })),
  },
  {
    email: DEMO_ORGANIZER_EMAIL,
    name: 'Oskar Organisatör',
    locale: 'sv',
    memberships: [{ organizationSlug: 'motesplats-social-innovation', role: 'organizer' }],
  },
  {
    email: DEMO_VIEWER_EMAIL,
    name: 'Lisa Läsare',
    locale: 'en',
    memberships: [{ organizationSlug: 'motesplats-social-innovation', role: 'viewer' }],
  },
  { email: DEMO_SPEAKER_EMAIL, name: 'Tove Lindahl', locale: 'sv', memberships: [] },
]

export const demoSpeakers: DemoSpeaker[] = [
  // Co-Days Social Innovation Värmland
  speaker('Maja Ekström', {
    titleSv: 'Innovationsledare och samhällsanalytiker',
    titleEn: 'Innovation lead and social analyst',
    affiliation: 'Innovation Park',
    bioSv: 'Maja leder arbetet med social innovation på Innovation Park och håller ihop Co-Days. Hon har tidigare arbetat med regional utveckling i Värmland.',
    bioEn: 'Maja leads the social innovation work at Innovation Park and hosts Co-Days. She previously worked with regional development in Värmland.',
  }),
  speaker('Nora Blom', {
    titleSv: 'Processledare',
    titleEn: 'Process facilitator',
    affiliation: 'Innovation Park',
    bioSv: 'Nora leder workshoppar där kommuner, föreningar och företag tar fram gemensamma utmaningar och testar idéer i liten skala.',
    bioEn: 'Nora runs workshops where municipalities, associations and companies define shared challenges and test ideas on a small scale.',
  }),
  speaker('Jesper Mattsson', {
    titleSv: 'Kommunikatör',
    titleEn: 'Communications officer',
    affiliation: 'Innovation Park',
    bioSv: 'Jesper arbetar med inkluderande kommunikation och hur man når nya grupper när man bjuder in till samverkan.',
    bioEn: 'Jesper works with inclusive communication and with reaching new groups when inviting people to collaborate.',
  }),
  speaker('Tove Lindahl', {
    titleSv: 'Forskare i social innovation',
    titleEn: 'Researcher in social innovation',
    affiliation: 'Karlstads universitet',
    bioSv: 'Tove forskar om hur sociala innovationer sprids i glesbygd och om samverkan mellan offentlig och idéburen sektor.',
    bioEn: 'Tove studies how social innovations spread in rural areas and how the public and non-profit sectors work together.',
    personEmail: DEMO_SPEAKER_EMAIL,
  }),
  speaker('Amir Haddad', {
    titleSv: 'Samordnare för civilsamhällesfrågor',
    titleEn: 'Civil society coordinator',
    affiliation: 'Region Värmland',
    bioSv: 'Amir samordnar regionens arbete med idéburet offentligt partnerskap och finansiering till sociala företag.',
    bioEn: 'Amir coordinates the region’s work on public–non-profit partnerships and funding for social enterprises.',
  }),
  speaker('Sofia Engström', {
    titleSv: 'Utvecklingsstrateg',
    titleEn: 'Development strategist',
    affiliation: 'Karlstads kommun',
    bioSv: 'Sofia arbetar med hur kommunen kan bli en möjliggörare för invånarnas egna initiativ, och med förankring hos politiken.',
    bioEn: 'Sofia works on how the municipality can enable residents’ own initiatives, and on anchoring that work politically.',
  }),
  speaker('Lars Hedlund', {
    titleSv: 'Grundare av ett socialt företag',
    titleEn: 'Founder of a social enterprise',
    affiliation: 'Bruksbageriet',
    bioSv: 'Lars driver ett arbetsintegrerande bageri och delar med sig av hur affärsmodellen bär både jobb och samhällsnytta.',
    bioEn: 'Lars runs a work-integration bakery and shares how its business model carries both jobs and social value.',
  }),
  // Sopact
  speaker('Johan Nordqvist', {
    titleSv: 'Verksamhetsledare',
    titleEn: 'Managing director',
    affiliation: 'Sopact',
    bioSv:
      'Johan leder Sopacts behovsdrivna lärprocess med Helsingborgs stad, där förvaltningar och sociala innovatörer möts kring verkliga samhällsutmaningar.',
    bioEn:
      'Johan leads Sopact’s needs-driven learning process with the City of Helsingborg, where city departments and social innovators meet around real social challenges.',
  }),
  speaker('Elsa Berglund', {
    titleSv: 'Affärsutvecklare',
    titleEn: 'Business developer',
    affiliation: 'Sopact',
    bioSv: 'Elsa arbetar nära de sociala innovatörerna i lärprocessen och följer hur testmiljöerna utvecklas tillsammans med förvaltningarna.',
    bioEn: 'Elsa works closely with the social innovators in the learning process and follows how the test environments develop with the city departments.',
  }),
  speaker('Nadia Karim', {
    titleSv: 'Social innovatör',
    titleEn: 'Social innovator',
    affiliation: 'Vägval Ung',
    bioSv: 'Nadia deltar i Sopacts lärprocess med ett initiativ som hjälper unga bort från kriminella sammanhang.',
    bioEn: 'Nadia takes part in Sopact’s learning process with an initiative that helps young people leave criminal circles.',
  }),
  // SI Summit
  speaker('Aoife Brennan', {
    titleSv: 'Aktivist och talare',
    titleEn: 'Activist and speaker',
    affiliation: 'Irland',
    bioSv: 'Aoife är en prisbelönt irländsk aktivist för inkludering i arbetslivet. Hon återvänder till SI Summit med en livesänd keynote följd av frågestund.',
    bioEn: 'Aoife is an award-winning Irish activist for inclusion at work. She returns to SI Summit with a livestreamed keynote followed by Q&A.',
  }),
  speaker('Lina Sjöberg', {
    titleSv: 'Programansvarig',
    titleEn: 'Programme manager',
    affiliation: 'Mötesplats Social Innovation',
    bioSv: 'Lina planerar och leder MSI:s webbinarier och samtal, och modererar gärna när olika sektorer möts.',
    bioEn: 'Lina plans and hosts MSI’s webinars and conversations, and likes to moderate when different sectors meet.',
  }),
  speaker('Henrik Malm', {
    titleSv: 'Handläggare, samhällsutmaningar',
    titleEn: 'Programme officer, societal challenges',
    affiliation: 'Vinnova',
    bioSv: 'Henrik arbetar med utlysningar som stöttar social innovation och med hur resultat kan spridas mellan regioner.',
    bioEn: 'Henrik works on funding calls that support social innovation and on how results can spread between regions.',
  }),
  speaker('Camilla Öberg', {
    titleSv: 'Analytiker, socialt företagande',
    titleEn: 'Analyst, social enterprise',
    affiliation: 'Tillväxtverket',
    bioSv: 'Camilla följer genomförandet av den nationella strategin för socialt företagande och social innovation.',
    bioEn: 'Camilla follows the implementation of the national strategy for social enterprise and social innovation.',
  }),
  speaker('Erik Dahlgren', {
    titleSv: 'Samverkansansvarig och affilierad forskare',
    titleEn: 'Partnership manager and affiliated researcher',
    affiliation: 'Campus Helsingborg, Lunds universitet',
    bioSv: 'Erik bygger samarbeten mellan universitetet och Helsingborgs stad och forskar om socialt arbete och innovation.',
    bioEn: 'Erik builds partnerships between the university and the City of Helsingborg and does research on social work and innovation.',
  }),
  // Sörmland Social Innovation Day
  speaker('Helena Kvist', {
    titleSv: 'Rådgivare och nätverksledare',
    titleEn: 'Adviser and network lead',
    affiliation: 'Coompanion Sörmland',
    bioSv: 'Helena leder Coompanions regionala nätverk för offentliga aktörer i Sörmland.',
    bioEn: 'Helena leads Coompanion’s regional network for public bodies in Sörmland.',
  }),
  speaker('Anders Wikström', {
    titleSv: 'Rådgivare, innovationsupphandling',
    titleEn: 'Adviser, innovation procurement',
    affiliation: 'Upphandlingsmyndigheten',
    bioSv: 'Anders hjälper kommuner och regioner att använda upphandling för att köpa nya lösningar från sociala företag.',
    bioEn: 'Anders helps municipalities and regions use procurement to buy new solutions from social enterprises.',
  }),
  speaker('Maria Holm', {
    titleSv: 'Utvecklingsledare, social ekonomi',
    titleEn: 'Development lead, social economy',
    affiliation: 'Region Sörmland',
    bioSv: 'Maria arbetar med regionens stöd till social ekonomi och med samverkan mellan länets kommuner.',
    bioEn: 'Maria works on the region’s support for the social economy and on collaboration between the county’s municipalities.',
  }),
  speaker('Fredrik Lund', {
    titleSv: 'Verksamhetsledare i ett socialt arbetskooperativ',
    titleEn: 'Manager of a social work co-operative',
    affiliation: 'Karlskrona',
    bioSv: 'Fredrik berättar om hur ett arbetskooperativ i Karlskrona skapar arbete och gemenskap för människor långt från arbetsmarknaden.',
    bioEn: 'Fredrik tells how a work co-operative in Karlskrona creates jobs and community for people far from the labour market.',
  }),
  speaker('Karin Åberg', {
    titleSv: 'Innovationsforskare',
    titleEn: 'Innovation researcher',
    affiliation: 'Luleå tekniska universitet',
    bioSv: 'Karin forskar om social innovation, genus och regional utveckling.',
    bioEn: 'Karin researches social innovation, gender and regional development.',
  }),
  // Social Innovation i Norr
  speaker('Ingrid Nilsson', {
    titleSv: 'Affärsutvecklare',
    titleEn: 'Business developer',
    affiliation: 'Piteå Science Park',
    bioSv: 'Ingrid är värd för Social Innovation i Norr och arbetar med innovationsmiljöer i Piteå.',
    bioEn: 'Ingrid hosts Social Innovation i Norr and works with innovation environments in Piteå.',
  }),
  speaker('Mats Lundström', {
    titleSv: 'Näringslivsutvecklare',
    titleEn: 'Business development officer',
    affiliation: 'Piteå kommun',
    bioSv: 'Mats arbetar med samhällsentreprenörskap och lokal utveckling i Piteå kommun.',
    bioEn: 'Mats works with social entrepreneurship and local development in Piteå Municipality.',
  }),
  speaker('Anna Wiklund', {
    titleSv: 'Professor i innovation',
    titleEn: 'Professor of innovation',
    affiliation: 'Luleå tekniska universitet',
    bioSv: 'Anna forskar om hur sociala innovationer uppstår och sprids, och om vilka områden som behöver mer samverkan framåt.',
    bioEn: 'Anna studies how social innovations emerge and spread, and which areas need more collaboration ahead.',
  }),
  speaker('Sara Holmgren', {
    titleSv: 'Kunskapsansvarig',
    titleEn: 'Knowledge lead',
    affiliation: 'Mötesplats Social Innovation',
    bioSv: 'Sara bygger MSI:s nationella forskarnätverk för social innovation.',
    bioEn: 'Sara builds MSI’s national research network for social innovation.',
  }),
  speaker('Robert Sundqvist', {
    titleSv: 'Rådgivare',
    titleEn: 'Adviser',
    affiliation: 'Coompanion Nord',
    bioSv: 'Robert modererar dagen och leder samtalet med de tio sociala innovationerna om finansiering och innovationsstöd.',
    bioEn: 'Robert moderates the day and leads the conversation with the ten social innovations about funding and innovation support.',
  }),
  speaker('Lena Kullgren', {
    titleSv: 'Projektledare, Social Innovation Skåne',
    titleEn: 'Project manager, Social Innovation Skåne',
    affiliation: 'Mötesplats Social Innovation',
    bioSv: 'Lena leder ett regionalt projekt som bygger innovationsinfrastruktur för sociala företag i Skåne, med metoder som science shop och co-lab.',
    bioEn: 'Lena leads a regional project building innovation infrastructure for social enterprises in Skåne, with methods such as science shops and co-labs.',
  }),
  speaker('Patrik Ström', {
    titleSv: 'Projektledare, Social innovation för regional utveckling',
    titleEn: 'Project manager, Social Innovation for Regional Development',
    affiliation: 'Region Jönköpings län',
    bioSv: 'Patrik utgår från den regionala utvecklingsstrategin: åldrande befolkning, kompetensförsörjning och en ensidig näringsstruktur.',
    bioEn: 'Patrik starts from the regional development strategy: an ageing population, skills supply and a one-sided industrial structure.',
  }),
  speaker('Emma Lindgren', {
    titleSv: 'Projektledare, Arena Social Innovation',
    titleEn: 'Project manager, Arena Social Innovation',
    affiliation: 'Västerbotten',
    bioSv: 'Emma arbetar för att norra Sverige ska bli en attraktiv region för social innovation, med digitala satsningar och nya finansieringslösningar.',
    bioEn: 'Emma works to make northern Sweden an attractive region for social innovation, with digital initiatives and new funding solutions.',
  }),
  speaker('Ulla Tornberg', {
    titleSv: 'Processledare, Innovationsguiden',
    titleEn: 'Facilitator, the Innovation Guide',
    affiliation: 'SKR och SVID',
    bioSv: 'Ulla visar hur offentlig sektor kan arbeta med användardriven innovation i sex steg.',
    bioEn: 'Ulla shows how the public sector can work with user-driven innovation in six steps.',
  }),
  speaker('Karl Öhman', {
    titleSv: 'Regional utvecklingsstrateg',
    titleEn: 'Regional development strategist',
    affiliation: 'Region Norrbotten',
    bioSv: 'Karl arbetar med regionens stöd till social innovation och samhällsentreprenörer.',
    bioEn: 'Karl works on the region’s support for social innovation and social entrepreneurs.',
  }),
  speaker('Frida Westerlund', {
    titleSv: 'Forskare',
    titleEn: 'Researcher',
    affiliation: 'Umeå universitet',
    bioSv: 'Frida forskar om civilsamhällets roll i lokal utveckling i norra Sverige.',
    bioEn: 'Frida studies the role of civil society in local development in northern Sweden.',
  }),
  speaker('Alex Björk', {
    titleSv: 'Verksamhetsledare',
    titleEn: 'Managing director',
    affiliation: 'Geektown',
    bioSv: 'Alex driver ett kreativt nätverk för digitala entreprenörer i Piteå.',
    bioEn: 'Alex runs a creative network for digital entrepreneurs in Piteå.',
  }),
  speaker('Birgitta Lind', {
    titleSv: 'Ordförande',
    titleEn: 'Chair',
    affiliation: 'Social Ekonomi Övre Norrland',
    bioSv: 'Birgitta företräder den sociala ekonomin i Norrbotten och Västerbotten.',
    bioEn: 'Birgitta represents the social economy in Norrbotten and Västerbotten.',
  }),
  // Mötesplats Social Innovation webinars and series
  speaker('Eva Vinberg', {
    titleSv: 'Lektor i nationalekonomi',
    titleEn: 'Senior lecturer in economics',
    affiliation: 'Örebro universitet',
    bioSv: 'Eva forskar om de ekonomiska argumenten för tidiga och sociala insatser.',
    bioEn: 'Eva researches the economic case for early and social interventions.',
  }),
  speaker('Tobias Berg', {
    titleSv: 'Projektledare',
    titleEn: 'Project manager',
    affiliation: 'RISE',
    bioSv: 'Tobias utvecklar kontraktsmodeller där offentliga och privata parter får incitament att tillsammans nå bästa möjliga utfall.',
    bioEn: 'Tobias develops contract models that give public and private parties an incentive to reach the best possible outcome together.',
  }),
  speaker('Gustav Ahlin', {
    titleSv: 'Investeringsansvarig',
    titleEn: 'Investment manager',
    affiliation: 'Leksell Social Ventures',
    bioSv: 'Gustav arbetar med utfallsbaserade kontrakt tillsammans med kommuner.',
    bioEn: 'Gustav works on outcome-based contracts together with municipalities.',
  }),
  speaker('Annika Strand', {
    titleSv: 'Verksamhetschef',
    titleEn: 'Director of operations',
    affiliation: 'Effektfullt',
    bioSv: 'Annika har tagit fram en effekttrappa för att mäta, öka och visa samhällsnytta.',
    bioEn: 'Annika developed an impact staircase for measuring, increasing and showing social value.',
  }),
  speaker('Katarina Ljung', {
    titleSv: 'Kommunikationsansvarig',
    titleEn: 'Head of communications',
    affiliation: 'Entreprenörskapsforum',
    bioSv: 'Katarina leder samtal mellan forskning, politik och praktik om entreprenörskap.',
    bioEn: 'Katarina leads conversations between research, policy and practice about entrepreneurship.',
  }),
  speaker('Magnus Ekholm', {
    titleSv: 'Lektor i företagsekonomi',
    titleEn: 'Senior lecturer in business administration',
    affiliation: 'Örebro universitet',
    bioSv: 'Magnus har skrivit en kunskapsöversikt om hur företag skapar dubbel nytta – affärsnytta och samhällsnytta på samma gång.',
    bioEn: 'Magnus wrote a research overview of how companies create shared value – business value and social value at the same time.',
  }),
  speaker('Linnea Falk', {
    titleSv: 'Hållbarhetsstrateg',
    titleEn: 'Sustainability strategist',
    affiliation: 'Skanska',
    bioSv: 'Linnea arbetar med sociala värden i byggprojekt, till exempel praktikplatser för personer långt från arbetsmarknaden.',
    bioEn: 'Linnea works with social value in construction projects, such as work placements for people far from the labour market.',
  }),
  speaker('Oskar Nyberg', {
    titleSv: 'Affärsutvecklare',
    titleEn: 'Business developer',
    affiliation: 'Danfo',
    bioSv: 'Oskar berättar hur ett företag som sköter offentliga toaletter arbetar för trygghet runt dem.',
    bioEn: 'Oskar explains how a company that runs public toilets works for safety around them.',
  }),
  speaker('Göran Wallin', {
    titleSv: 'Läkare och forskare',
    titleEn: 'Physician and researcher',
    affiliation: 'Stockholm',
    bioSv: 'Göran har i decennier argumenterat för att se förmågor där andra ser begränsningar.',
    bioEn: 'For decades Göran has argued for seeing abilities where others see limitations.',
  }),
  speaker('Ida Forsell', {
    titleSv: 'E-sportcoach',
    titleEn: 'Esports coach',
    affiliation: 'Karlskrona',
    bioSv: 'Ida visar hur spelvana unga blev lärarassistenter när undervisningen flyttade ut på nätet.',
    bioEn: 'Ida shows how young gamers became teaching assistants when teaching moved online.',
  }),
  speaker('Therese Fransson', {
    titleSv: 'HR-strateg',
    titleEn: 'HR strategist',
    affiliation: 'Region Blekinge',
    bioSv: 'Therese arbetar med intern kompetensutveckling och med att se förmågor bortom CV:t.',
    bioEn: 'Therese works with internal skills development and with seeing abilities beyond the CV.',
  }),
  speaker('Paula Moberg', {
    titleSv: 'Frilansande konsult i digital kommunikation',
    titleEn: 'Freelance consultant in digital communication',
    affiliation: 'Stockholm',
    bioSv: 'Paula arbetar med digital kommunikation och affärsutveckling och har ett stort intresse för omställningsprocesser. Hon är en van moderator.',
    bioEn: 'Paula works with digital communication and business development and has a keen interest in transition processes. She is an experienced moderator.',
  }),
  speaker('Isabella Marino', {
    titleSv: 'Upphandlingsstrateg',
    titleEn: 'Procurement strategist',
    affiliation: 'Malmö stad',
    bioSv: 'Isabella har arbetat med offentlig upphandling i många år och vet hur inköp kan öppna för nya leverantörer i kris.',
    bioEn: 'Isabella has worked with public procurement for many years and knows how purchasing can open up to new suppliers in a crisis.',
  }),
  speaker('Joel Nordin', {
    titleSv: 'Universitetslektor',
    titleEn: 'Senior lecturer',
    affiliation: 'Jönköping University',
    bioSv: 'Joel forskar om hur industrin ställer om i kris, om krisberedskap och organisatorisk resiliens.',
    bioEn: 'Joel researches how industry adapts in a crisis, crisis preparedness and organisational resilience.',
  }),
  speaker('Mikaela Jonsson', {
    titleSv: 'Verksamhetsutvecklare',
    titleEn: 'Development manager',
    affiliation: 'Marinmuseum, Karlskrona',
    bioSv: 'Mikaela ser museer som arenor för delaktighet och arbetar med nya affärsmodeller för kulturarvet.',
    bioEn: 'Mikaela sees museums as arenas for participation and works on new business models for cultural heritage.',
  }),
  speaker('Viktor Lindgren', {
    titleSv: 'Vd och grundare',
    titleEn: 'CEO and founder',
    affiliation: 'Lärplattan',
    bioSv: 'Viktor startade sitt första företag som tonåring och driver i dag ett snabbväxande företag för digitala läromedel.',
    bioEn: 'Viktor started his first company as a teenager and now runs a fast-growing company for digital learning materials.',
  }),
  speaker('Lucía Herrera', {
    titleSv: 'Projektledare, barnrättsinnovationer',
    titleEn: 'Project manager, child rights innovation',
    affiliation: 'Mötesplats Social Innovation',
    bioSv: 'Lucía leder samtalsserien om innovationer och samverkan för barnets rätt.',
    bioEn: 'Lucía leads the conversation series on innovation and collaboration for the rights of the child.',
  }),
  speaker('Rebecka Holm', {
    titleSv: 'Sakkunnig i barnrätt och delaktighet',
    titleEn: 'Expert in child rights and participation',
    affiliation: 'Barnrättsorganisation',
    bioSv: 'Rebecka stöttar kommuner som vill låta barn och unga påverka hur staden planeras.',
    bioEn: 'Rebecka supports municipalities that want children and young people to shape how the city is planned.',
  }),
  speaker('Daniel Åkesson', {
    titleSv: 'Landskapsarkitekt',
    titleEn: 'Landscape architect',
    affiliation: 'Malmö stad',
    bioSv: 'Daniel planerar lekplatser och torg tillsammans med barn i Malmö.',
    bioEn: 'Daniel plans playgrounds and squares together with children in Malmö.',
  }),
  speaker('Oliver Hughes', {
    titleSv: 'Forskare i kollektiv intelligens',
    titleEn: 'Researcher in collective intelligence',
    affiliation: 'Nesta, Storbritannien',
    bioSv: 'Oliver visar hur mänsklig och maskinell intelligens kan kombineras för att lösa sociala utmaningar.',
    bioEn: 'Oliver shows how human and machine intelligence can be combined to solve social challenges.',
  }),
]
