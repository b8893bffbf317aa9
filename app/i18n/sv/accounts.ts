/** Sign-in, sessions, organizations and members. Keys start with 'accounts.'. */
export const accountsMessages = {
  // --- sign-in: request a link ---
  'accounts.login.title': 'Logga in',
  'accounts.login.intro': 'Samling använder inga lösenord. Skriv din e-postadress så skickar vi en inloggningslänk till den.',
  'accounts.login.emailLabel': 'E-postadress',
  'accounts.login.emailHint': 'Den adress du blev inbjuden med, till exempel namn@kommun.se.',
  'accounts.login.submit': 'Skicka inloggningslänk',
  'accounts.login.sentTitle': 'Titta i din inkorg',
  'accounts.login.sent':
    'Om adressen hör till ett konto hos oss har vi nu skickat en inloggningslänk dit. Länken gäller i {minutes} minuter och kan bara användas en gång.',
  'accounts.login.sentHelp': 'Ingen länk? Kontrollera skräpposten och att adressen är rätt stavad, eller be den som bjöd in dig om en ny inbjudan.',
  'accounts.login.tryAgain': 'Skicka en ny länk',
  'accounts.login.switchToEnglish': 'In English',
  'accounts.login.switchToSwedish': 'På svenska',
  'accounts.login.signedInAs': 'Du är inloggad som {email}.',
  'accounts.login.toConsole': 'Till arrangörsvyn',

  // --- sign-in: the link ---
  'accounts.link.title': 'Logga in på Samling',
  'accounts.link.intro': 'Tryck på knappen för att logga in. Länken fungerar bara en gång.',
  'accounts.link.submit': 'Logga in',
  'accounts.link.invalidTitle': 'Länken fungerar inte längre',
  'accounts.link.invalid':
    'Inloggningslänken har redan använts, har gått ut (den gäller i {minutes} minuter) eller är felaktig. Beställ en ny länk så kommer du in.',
  'accounts.link.requestNew': 'Beställ en ny inloggningslänk',

  // --- rate limits ---
  'accounts.rateLimit.email': 'Vi har redan skickat flera länkar till den här adressen. Vänta {minutes} minuter och försök igen.',
  'accounts.rateLimit.ip': 'För många inloggningsförsök från din uppkoppling. Vänta {minutes} minuter och försök igen.',

  // --- sign-out ---
  'accounts.logout.title': 'Logga ut',
  'accounts.logout.intro': 'Vill du logga ut från Samling på den här enheten?',
  'accounts.logout.submit': 'Logga ut',

  // --- roles ---
  'accounts.role.owner': 'Ägare',
  'accounts.role.organizer': 'Arrangör',
  'accounts.role.viewer': 'Läsbehörighet',
  'accounts.role.ownerHint': 'Ägare hanterar medlemmar och allt annat i organisationen.',
  'accounts.role.organizerHint': 'Arrangörer skapar och ändrar evenemang, program och talare.',
  'accounts.role.viewerHint': 'Läsbehörighet ger tillgång att se allt men inte ändra något.',

  // --- members ---
  'accounts.members.title': 'Medlemmar',
  'accounts.members.intro': 'De här personerna har tillgång till {organization} i Samling.',
  'accounts.members.readOnly': 'Bara ägare kan bjuda in, ändra roller och ta bort medlemmar.',
  'accounts.members.name': 'Namn',
  'accounts.members.email': 'E-post',
  'accounts.members.role': 'Roll',
  'accounts.members.actions': 'Ändra',
  'accounts.members.lastLogin': 'Senast inloggad',
  'accounts.members.neverLoggedIn': 'Aldrig',
  'accounts.members.you': '(du)',
  'accounts.members.listCaption': 'Medlemmar i {organization}',
  'accounts.members.inviteTitle': 'Bjud in en medlem',
  'accounts.members.inviteIntro': 'Personen får ett mejl med en länk för att logga in.',
  'accounts.members.emailLabel': 'E-postadress',
  'accounts.members.roleLabel': 'Roll',
  'accounts.members.inviteSubmit': 'Skicka inbjudan',
  'accounts.members.changeRoleLabel': 'Ny roll för {email}',
  'accounts.members.changeRoleSubmit': 'Byt roll',
  'accounts.members.removeSubmit': 'Ta bort',
  'accounts.members.removeLabel': 'Ta bort {email} från organisationen',
  'accounts.members.invited': 'Inbjudan till {email} är skickad.',
  'accounts.members.roleChanged': '{email} har nu rollen {role}.',
  'accounts.members.removed': '{email} är borttagen från organisationen.',
  'accounts.notifications.title': 'Mina aviseringar',
  'accounts.notifications.intro': 'Välj hur ofta du vill få mejl om nya anmälningar och avanmälningar till {organization}s evenemang. Valet gäller bara dig.',
  'accounts.notifications.legend': 'Mejl om anmälningar',
  'accounts.notifications.option.immediate': 'Direkt, ett mejl per anmälan eller avanmälan',
  'accounts.notifications.option.daily': 'En sammanställning om dagen, runt kl. 07.00',
  'accounts.notifications.option.off': 'Inga mejl om anmälningar',
  'accounts.notifications.fullHint': 'Med direkt eller daglig sammanställning får du också ett mejl när ett evenemang blir fullt.',
  'accounts.notifications.submit': 'Spara mina aviseringar',
  'accounts.notifications.saved': 'Dina aviseringar är sparade.',
  'accounts.members.alreadyMember': 'Personen är redan medlem. Ändra rollen i listan i stället.',
  'accounts.members.notMember': 'Personen är inte medlem i organisationen.',
  'accounts.members.lastOwner': 'Organisationen måste ha minst en ägare. Gör någon annan till ägare först.',
  'accounts.members.unknownIntent': 'Okänd åtgärd.',
} as const
