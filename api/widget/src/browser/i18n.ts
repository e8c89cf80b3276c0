/** The widget's labels in English and Spanish; `lang="es"` (or `es-MX`, …) picks Spanish, anything else English. */

const en = {
  tabSearch: 'Find courses',
  tabPlan: 'Plan my credits',
  searchLabel: 'Search courses',
  searchPlaceholder: 'Try “phlebotomy” or “ethics”',
  filters: 'Filters',
  clearFilters: 'Clear filters',
  category: 'Content area',
  provider: 'Provider',
  format: 'Format',
  approvedBy: 'Approved by',
  credential: 'Counts for',
  price: 'Price (US$)',
  minPrice: 'Minimum price',
  maxPrice: 'Maximum price',
  maxHours: 'At most hours',
  hoursRange: 'Length',
  sort: 'Sort by',
  sortRelevance: 'Best match',
  sortPrice: 'Price: low to high',
  sortPriceDesc: 'Price: high to low',
  sortHours: 'Shortest first',
  sortPricePerPoint: 'Price per point',
  results: (n: number) => (n === 1 ? '1 course found' : `${n} courses found`),
  resultsPage: (page: number, pages: number) => `page ${page} of ${pages}`,
  loading: 'Searching…',
  prev: 'Previous',
  next: 'Next',
  pagination: 'Result pages',
  free: 'Free',
  priceNotListed: 'Price not listed',
  /** Shown under a price published in another currency, which is never converted to dollars. */
  priceIn: (currency: string) => `(price in ${currency})`,
  perPoint: (price: string) => `${price} per point`,
  memberPrice: (price: string) => `${price} for members`,
  includedIn: (names: string) => `Included in ${names}`,
  hours: (n: string) => (n === '1' ? '1 hour' : `${n} hours`),
  hoursNotListed: 'hours not listed',
  /** A calendar length (`P12W`), kept apart from contact hours. */
  runs: (length: string) => `runs ${length}`,
  durationUnits: {
    Y: ['year', 'years'],
    M: ['month', 'months'],
    W: ['week', 'weeks'],
    D: ['day', 'days'],
    TH: ['hour', 'hours'],
    TM: ['minute', 'minutes'],
    TS: ['second', 'seconds'],
  } as Record<string, readonly [one: string, many: string]>,
  points: (n: string, area: string) => `${n} ${area}`,
  pointsNotListed: 'CEU points not listed',
  approved: (bodies: string) => `Approved by ${bodies}`,
  openCourse: 'View course',
  emptyTitle: 'No courses match',
  emptyHelp: 'Check the spelling, use fewer or more general words, or clear some filters.',
  errorTitle: 'We could not load courses',
  errorUnreachable: 'The course service did not answer. Check your connection and try again in a moment.',
  retry: 'Try again',
  categories: { general: 'General', clinical: 'Clinical', administrative: 'Administrative' } as Record<
    string,
    string
  >,
  formats: {
    online: 'Online',
    'self-study': 'Self-study',
    'live-webinar': 'Live webinar',
    'in-person': 'In person',
    conference: 'Conference',
    'article-quiz': 'Article + quiz',
  } as Record<string, string>,
  // Plan
  planIntro:
    'Tell us what you already have; we find the cheapest set of courses that completes your recertification.',
  chooseCredential: 'Credential',
  earnedLegend: 'Already earned this cycle',
  earnedHelp: 'Enter the points on your transcript, per area.',
  transcriptLabel: 'Or paste your transcript',
  transcriptHelp:
    'One line per activity: date, points, area, approving body, title. Example: 2025-03-01, 2 clinical AAMA, Phlebotomy Basics',
  transcriptError: (line: number, why: string) => `Line ${line}: ${why}`,
  transcriptBadDate: 'start the line with a date like 2025-03-01',
  transcriptBadPoints: 'give the points after the date, like “2 clinical”',
  preferences: 'Preferences (optional)',
  budget: 'Budget (US$)',
  planMaxHours: 'At most hours',
  cycleEnd: 'Cycle ends on',
  member: 'I am an AAMA member (member prices)',
  formatsLegend: 'Formats I can take',
  bundlesOwned: 'Subscriptions I already have',
  makePlan: 'Make my plan',
  planning: 'Finding the best plan…',
  planReady: (cost: string, hours: string) => `Plan ready: ${cost}, ${hours}.`,
  planFailed: 'Your plan could not be made',
  totalCost: 'Total cost',
  totalHours: 'Total time',
  steps: 'Courses',
  optimal: 'Cheapest possible',
  notOptimal: (bound: string) => `Best plan found in the time allowed; no plan can cost less than ${bound}.`,
  sampleData: 'Sample data: some courses shown are examples until the catalog has been crawled.',
  takeNext: 'Take this next',
  coverage: 'Your requirements',
  coverageValue: (planned: string, remaining: string) => `${planned} planned · ${remaining} needed`,
  alreadyMet: 'already met',
  bundlesToBuy: 'Memberships to buy',
  unlocks: (n: number) => (n === 1 ? 'unlocks 1 course in this plan' : `unlocks ${n} courses in this plan`),
  saves: (amount: string) => `saves ${amount}`,
  stepsInOrder: 'Steps, in order',
  viaPurchase: 'Buy',
  viaMember: 'Member price',
  viaBundle: (name: string) => `Included in ${name}`,
  nothingNeeded: 'You have already met every requirement. Nothing to take.',
  leftOut: (courses: number, reasons: string) =>
    courses === 1
      ? `1 catalog course was left out of planning${reasons ? `: ${reasons}` : ''}.`
      : `${courses} catalog courses were left out of planning${reasons ? `: ${reasons}` : ''}.`,
  leftOutNoCredits: (n: number) => `${n} without credits`,
  leftOutNoHours: (n: number) => `${n} without hours`,
  leftOutNoUsPrice: (n: number) => `${n} without a US price`,
  infeasibleTitle: 'No plan meets every requirement',
  shortfall: (missing: string, requirement: string) =>
    `${missing} ${requirement} cannot be covered by any course that fits.`,
  withoutLimits: (cost: string, hours: string) =>
    `Without your budget and hour limits, the cheapest complete plan costs ${cost} and takes ${hours}.`,
  infeasibleHelp:
    'Raise your budget or hour limit, allow more formats, or look for courses elsewhere for the missing part.',
  print: 'Print',
  downloadCsv: 'Download CSV',
  downloadIcs: 'Add to calendar (.ics)',
  reminder: (title: string) => `Time for your next course: ${title}`,
  earnedField: (name: string, min: string) => `${name} (min. ${min})`,
  earnedNames: {
    total: 'Total',
    general: 'General',
    clinical: 'Clinical',
    administrative: 'Administrative',
    approved: 'AAMA-approved',
  } as Record<string, string>,
  requirementNames: {
    total: 'total points',
    general: 'general points',
    clinical: 'clinical points',
    administrative: 'administrative points',
    approved: 'approved points',
  } as Record<string, string>,
};

export type Messages = typeof en;

const es: Messages = {
  ...en,
  tabSearch: 'Buscar cursos',
  tabPlan: 'Planificar mis créditos',
  searchLabel: 'Buscar cursos',
  searchPlaceholder: 'Pruebe “flebotomía” o “ética”',
  filters: 'Filtros',
  clearFilters: 'Quitar filtros',
  category: 'Área',
  provider: 'Proveedor',
  format: 'Formato',
  approvedBy: 'Aprobado por',
  credential: 'Vale para',
  price: 'Precio (US$)',
  minPrice: 'Precio mínimo',
  maxPrice: 'Precio máximo',
  maxHours: 'Horas como máximo',
  hoursRange: 'Duración',
  sort: 'Ordenar por',
  sortRelevance: 'Más relevantes',
  sortPrice: 'Precio: de menor a mayor',
  sortPriceDesc: 'Precio: de mayor a menor',
  sortHours: 'Más cortos primero',
  sortPricePerPoint: 'Precio por punto',
  results: (n) => (n === 1 ? '1 curso encontrado' : `${n} cursos encontrados`),
  resultsPage: (page, pages) => `página ${page} de ${pages}`,
  loading: 'Buscando…',
  prev: 'Anterior',
  next: 'Siguiente',
  pagination: 'Páginas de resultados',
  free: 'Gratis',
  priceNotListed: 'Precio no publicado',
  priceIn: (currency) => `(precio en ${currency})`,
  perPoint: (price) => `${price} por punto`,
  memberPrice: (price) => `${price} para miembros`,
  includedIn: (names) => `Incluido en ${names}`,
  hours: (n) => (n === '1' ? '1 hora' : `${n} horas`),
  hoursNotListed: 'horas no publicadas',
  runs: (length) => `dura ${length}`,
  durationUnits: {
    Y: ['año', 'años'],
    M: ['mes', 'meses'],
    W: ['semana', 'semanas'],
    D: ['día', 'días'],
    TH: ['hora', 'horas'],
    TM: ['minuto', 'minutos'],
    TS: ['segundo', 'segundos'],
  },
  pointsNotListed: 'Puntos CEU no publicados',
  approved: (bodies) => `Aprobado por ${bodies}`,
  openCourse: 'Ver curso',
  emptyTitle: 'Ningún curso coincide',
  emptyHelp: 'Revise la ortografía, use menos palabras o más generales, o quite algunos filtros.',
  errorTitle: 'No pudimos cargar los cursos',
  errorUnreachable:
    'El servicio de cursos no respondió. Revise su conexión y vuelva a intentarlo en un momento.',
  retry: 'Reintentar',
  categories: { general: 'General', clinical: 'Clínica', administrative: 'Administrativa' },
  formats: {
    online: 'En línea',
    'self-study': 'Autoestudio',
    'live-webinar': 'Seminario web en vivo',
    'in-person': 'Presencial',
    conference: 'Congreso',
    'article-quiz': 'Artículo + examen',
  },
  planIntro:
    'Díganos lo que ya tiene; buscamos el conjunto de cursos más barato que completa su recertificación.',
  chooseCredential: 'Credencial',
  earnedLegend: 'Ya obtenido en este ciclo',
  earnedHelp: 'Escriba los puntos de su expediente, por área.',
  transcriptLabel: 'O pegue su expediente',
  transcriptHelp:
    'Una línea por actividad: fecha, puntos, área, organismo, título. Ejemplo: 2025-03-01, 2 clinical AAMA, Phlebotomy Basics',
  transcriptError: (line, why) => `Línea ${line}: ${why}`,
  transcriptBadDate: 'empiece la línea con una fecha como 2025-03-01',
  transcriptBadPoints: 'indique los puntos después de la fecha, como “2 clinical”',
  preferences: 'Preferencias (opcional)',
  budget: 'Presupuesto (US$)',
  planMaxHours: 'Horas como máximo',
  cycleEnd: 'El ciclo termina el',
  member: 'Soy miembro de la AAMA (precios de miembro)',
  formatsLegend: 'Formatos que puedo tomar',
  bundlesOwned: 'Suscripciones que ya tengo',
  makePlan: 'Crear mi plan',
  planning: 'Buscando el mejor plan…',
  planReady: (cost, hours) => `Plan listo: ${cost}, ${hours}.`,
  planFailed: 'No se pudo crear su plan',
  totalCost: 'Costo total',
  totalHours: 'Tiempo total',
  steps: 'Cursos',
  optimal: 'Lo más barato posible',
  notOptimal: (bound) =>
    `El mejor plan encontrado en el tiempo disponible; ningún plan puede costar menos de ${bound}.`,
  sampleData: 'Datos de ejemplo: algunos cursos son ejemplos hasta que se rastree el catálogo.',
  takeNext: 'Tome este a continuación',
  coverage: 'Sus requisitos',
  coverageValue: (planned, remaining) => `${planned} previstos · ${remaining} necesarios`,
  alreadyMet: 'ya cumplido',
  bundlesToBuy: 'Membresías que comprar',
  unlocks: (n) => (n === 1 ? 'incluye 1 curso de este plan' : `incluye ${n} cursos de este plan`),
  saves: (amount) => `ahorra ${amount}`,
  stepsInOrder: 'Pasos, en orden',
  viaPurchase: 'Comprar',
  viaMember: 'Precio de miembro',
  viaBundle: (name) => `Incluido en ${name}`,
  nothingNeeded: 'Ya cumple todos los requisitos. No necesita más cursos.',
  leftOut: (courses, reasons) =>
    courses === 1
      ? `1 curso del catálogo quedó fuera de la planificación${reasons ? `: ${reasons}` : ''}.`
      : `${courses} cursos del catálogo quedaron fuera de la planificación${reasons ? `: ${reasons}` : ''}.`,
  leftOutNoCredits: (n) => `${n} sin créditos`,
  leftOutNoHours: (n) => `${n} sin horas`,
  leftOutNoUsPrice: (n) => `${n} sin precio en dólares`,
  infeasibleTitle: 'Ningún plan cumple todos los requisitos',
  shortfall: (missing, requirement) =>
    `Faltan ${missing} ${requirement} que ningún curso disponible puede cubrir.`,
  withoutLimits: (cost, hours) =>
    `Sin sus límites de presupuesto y horas, el plan completo más barato cuesta ${cost} y dura ${hours}.`,
  infeasibleHelp:
    'Aumente su presupuesto o límite de horas, permita más formatos o busque cursos en otro lugar para la parte que falta.',
  print: 'Imprimir',
  downloadCsv: 'Descargar CSV',
  downloadIcs: 'Añadir al calendario (.ics)',
  reminder: (title) => `Hora de su próximo curso: ${title}`,
  earnedField: (name, min) => `${name} (mín. ${min})`,
  earnedNames: {
    total: 'Total',
    general: 'General',
    clinical: 'Clínica',
    administrative: 'Administrativa',
    approved: 'Aprobados AAMA',
  },
  requirementNames: {
    total: 'puntos en total',
    general: 'puntos generales',
    clinical: 'puntos clínicos',
    administrative: 'puntos administrativos',
    approved: 'puntos aprobados',
  },
};

/** Labels and number formats for one language. */
export interface Locale {
  lang: 'en' | 'es';
  t: Messages;
  money: (cents: number) => string;
  /** A price as published in another currency (`{ amount: 395, currency: 'GBP' }` → "£395.00"), never converted. */
  listedMoney: (amount: number, currency: string) => string;
  number: (value: number) => string;
}

export function locale(lang: string | null | undefined): Locale {
  const code = (lang ?? '').toLowerCase().startsWith('es') ? 'es' : 'en';
  const tag = code === 'es' ? 'es-US' : 'en-US';
  const money = new Intl.NumberFormat(tag, { style: 'currency', currency: 'USD' });
  const num = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 });
  const listed = new Map<string, Intl.NumberFormat | null>();
  const listedFormat = (currency: string): Intl.NumberFormat | null => {
    if (!listed.has(currency)) {
      try {
        listed.set(currency, new Intl.NumberFormat(tag, { style: 'currency', currency }));
      } catch {
        // A code Intl rejects still shows the amount with its code, rather than breaking the result list.
        listed.set(currency, null);
      }
    }
    return listed.get(currency) ?? null;
  };
  return {
    lang: code,
    t: code === 'es' ? es : en,
    money: (cents) => money.format(cents / 100),
    listedMoney: (amount, currency) =>
      listedFormat(currency)?.format(amount) ?? `${num.format(amount)} ${currency}`,
    number: (value) => num.format(value),
  };
}
