/** Mail: subjects, bodies, mailbox and preview pages. Keys start with 'mail.'. */
export const mailMessages = {
  // --- shared by every message (emails/layout.tsx) ---
  'mail.common.brand': 'Samling',
  'mail.common.tagline': 'Evenemang och konferenser för social innovation',
  'mail.common.automatic': 'Det här mejlet skickades automatiskt av Samling. Svara gärna om du har frågor, så når du arrangören.',
  'mail.common.automaticNoReply': 'Det här mejlet skickades automatiskt av Samling.',
  'mail.common.linkFallback': 'Fungerar inte knappen? Kopiera den här adressen till webbläsaren:',
  'mail.common.unsubscribe': 'Vill du inte få sådana här utskick? Avsluta prenumerationen:',
  'mail.common.timeZone': 'svensk tid',

  // --- sign-in-link ---
  'mail.signIn.subject': 'Din inloggningslänk till Samling',
  'mail.signIn.preview': 'Logga in på Samling. Länken gäller i {minutes} minuter.',
  'mail.signIn.heading': 'Logga in på Samling',
  'mail.signIn.body':
    'Du (eller någon som skrev in din adress) bad om att få logga in på Samling. Länken gäller i {minutes} minuter och kan bara användas en gång.',
  'mail.signIn.button': 'Logga in på Samling',
  'mail.signIn.ignore': 'Har du inte bett om länken kan du strunta i det här mejlet. Ingen kan logga in utan att öppna länken.',

  // --- member-invitation ---
  'mail.invitation.subject': '{inviter} har lagt till dig i {organization} på Samling',
  'mail.invitation.preview': 'Du är nu {role} för {organization}.',
  'mail.invitation.heading': 'Du är nu med i {organization}',
  'mail.invitation.body': '{inviter} har lagt till dig som {role} för {organization} på Samling. Medlemskapet gäller redan: du behöver inte tacka ja.',
  'mail.invitation.role.owner': 'ägare',
  'mail.invitation.role.organizer': 'arrangör',
  'mail.invitation.role.viewer': 'läsare',
  'mail.invitation.roleHelp.owner': 'Som ägare skapar och ändrar du evenemang och bestämmer vilka som är med i organisationen.',
  'mail.invitation.roleHelp.organizer': 'Som arrangör skapar och ändrar du evenemang, program och utskick.',
  'mail.invitation.roleHelp.viewer': 'Som läsare ser du evenemang och anmälningar men ändrar ingenting.',
  'mail.invitation.button': 'Logga in och börja',
  'mail.invitation.signInHelp': 'Länken öppnar inloggningen. Skriv din e-postadress där, så mejlar vi en länk som loggar in dig. Du behöver inget lösenord.',
  'mail.invitation.mistake':
    'Var det ett misstag, eller vill du inte vara med? Svara på det här mejlet eller kontakta {inviter}, så tar en ägare bort dig ur {organization}.',

  // --- event-changed ---
  'mail.eventChanged.subject.time': 'Ny tid: {title}',
  'mail.eventChanged.subject.place': 'Ny plats: {title}',
  'mail.eventChanged.subject.cancelled': 'Inställt: {title}',
  'mail.eventChanged.subject.postponed': 'Uppskjutet: {title}',
  'mail.eventChanged.intro.time': 'Tiden för {title} har ändrats. Här är den nya tiden.',
  'mail.eventChanged.intro.place': 'Platsen för {title} har ändrats. Här är den nya platsen.',
  'mail.eventChanged.intro.cancelled': '{title} är inställt och blir inte av.',
  'mail.eventChanged.intro.postponed': '{title} är uppskjutet. Arrangören meddelar en ny tid när den är bestämd.',
  'mail.eventChanged.reason': 'Meddelande från arrangören:',
  'mail.eventChanged.event': 'Evenemang',
  'mail.eventChanged.when': 'Tid',
  'mail.eventChanged.newWhen': 'Ny tid',
  'mail.eventChanged.plannedWhen': 'Planerad tid',
  'mail.eventChanged.where': 'Plats',
  'mail.eventChanged.newWhere': 'Ny plats',
  'mail.eventChanged.link': 'Mer information',
  'mail.eventChanged.button': 'Visa evenemanget',
  'mail.eventChanged.calendarHint':
    'Har du lagt in evenemanget i din kalender? Uppdatera det där också, eller prenumerera på Samlings kalenderflöde så sker det automatiskt.',
  'mail.eventChanged.cancelledHint': 'Du behöver inte göra något. Har du evenemanget i din kalender kan du ta bort det.',
  'mail.eventChanged.why': 'Du får det här mejlet eftersom du är anmäld till evenemanget.',

  // --- registration-opened (interest-only events) ---
  'mail.registrationOpened.subject': 'Nu kan du anmäla dig: {title}',
  'mail.registrationOpened.intro': 'Du anmälde intresse för {title}. Nu är anmälan öppen, och platserna går till dem som anmäler sig först.',
  'mail.registrationOpened.event': 'Evenemang',
  'mail.registrationOpened.when': 'Tid',
  'mail.registrationOpened.where': 'Plats',
  'mail.registrationOpened.closes': 'Sista anmälningsdag',
  'mail.registrationOpened.button': 'Anmäl dig',
  'mail.registrationOpened.why':
    'Du får det här mejlet en gång, eftersom du lämnade din adress för att få veta när anmälan öppnar. Din intresseanmälan är ingen anmälan.',

  // --- the unsubscribe page (/unsubscribe/<token>) ---
  'mail.unsubscribe.title': 'Avsluta aviseringar från Samling',
  'mail.unsubscribe.intro': 'Här slutar du få aviseringar från Samling till {address}.',
  'mail.unsubscribe.whatStops': 'Det här slutar komma:',
  'mail.unsubscribe.stops.opened': 'besked när anmälan öppnar till evenemang du anmält intresse för',
  'mail.unsubscribe.stops.digests': 'sammanställningar av anmälningar och avanmälningar till evenemang du arrangerar',
  'mail.unsubscribe.stops.full': 'meddelanden om att ett evenemang du arrangerar är fullt',
  'mail.unsubscribe.whatStays':
    'Mejl som gäller något du själv har gjort kommer fortfarande: inloggningslänkar, bekräftelser på anmälningar, påminnelser före evenemang du är anmäld till och besked när ett sådant evenemang flyttas eller ställs in.',
  'mail.unsubscribe.submit': 'Avsluta aviseringarna',
  'mail.unsubscribe.done': 'Klart. {address} får inte längre aviseringar från Samling.',
  'mail.unsubscribe.already': '{address} får redan inga aviseringar från Samling.',
  'mail.unsubscribe.undoIntro': 'Ångrade du dig? Du kan slå på aviseringarna igen.',
  'mail.unsubscribe.undo': 'Slå på aviseringarna igen',
  'mail.unsubscribe.resubscribed': '{address} får aviseringar från Samling igen.',
  'mail.unsubscribe.notFound': 'Länken för att avsluta aviseringar är inte giltig. Kopiera hela adressen från mejlet och försök igen.',

  // --- the dev mailbox (/dev/mailbox) ---
  'mail.mailbox.title': 'Utvecklarbrevlåda',
  'mail.mailbox.intro': 'Här hamnar all e-post som Samling skickar när ingen SMTP-server är inställd (SMTP_URL). Nyaste först.',
  'mail.mailbox.empty': 'Inga meddelanden ännu.',
  'mail.mailbox.count': 'Antal meddelanden: {count}',
  'mail.mailbox.time': 'Tid',
  'mail.mailbox.to': 'Till',
  'mail.mailbox.from': 'Från',
  'mail.mailbox.replyTo': 'Svar till',
  'mail.mailbox.subject': 'Ämne',
  'mail.mailbox.noSubject': '(inget ämne)',
  'mail.mailbox.back': 'Tillbaka till brevlådan',
  'mail.mailbox.headers': 'Rubrikfält',
  'mail.mailbox.links': 'Länkar i meddelandet',
  'mail.mailbox.html': 'HTML-version',
  'mail.mailbox.text': 'Textversion',
  'mail.mailbox.noText': 'Meddelandet har ingen textversion.',
  'mail.mailbox.noHtml': 'Meddelandet har ingen HTML-version.',
  'mail.mailbox.attachments': 'Bilagor',
  'mail.mailbox.raw': 'Ladda ner hela meddelandet (.eml)',
  'mail.mailbox.otherLanguage': 'In English',
} as const
