/** The interface in English and Russian. The language is chosen by `?lang=`, then the last choice, then the browser. */

export type Lang = 'en' | 'ru';

const EN = {
  title: 'Letopis', tagline: 'A verified chronicle of anti-war resistance and repression',
  nav_explore: 'Chronicle', nav_tallies: 'Tallies', nav_review: 'Review', nav_report: 'Report', nav_login: 'Editor login', nav_logout: 'Log out',
  local_mode: 'Local mode: you are an editor',
  search: 'Search', search_placeholder: 'Search events (Russian or English)', all_types: 'All types', from: 'From', to: 'To',
  kind: 'Kind', all_kinds: 'Incidents and tallies', incident: 'Incidents', tally: 'Tallies', apply: 'Apply', clear: 'Clear filters',
  region_filter: 'Region', remove: 'remove', status: 'Status', settlement: 'Town or village', any_certainty: 'Any certainty',
  certainties: { reported: 'reported', claimed: 'claimed', rumoured: 'rumoured' } as Record<string, string>,
  timeline: 'Events per week', map: 'Map', colour_by: 'Colour by', by_count: 'count', by_rate: 'per 100k inhabitants',
  map_hint: 'Click a region to filter everything by it.', no_data: 'no events',
  table: 'Events', date: 'Date', type: 'Type', place: 'Place', summary: 'Summary', sources: 'Sources', counts: 'Counts',
  more: 'Load more', shown: (n: number) => `${n} shown`, total: (n: number) => `${n} events match`,
  nothing: 'No events match these filters.',
  event: 'Event', evidence: 'Evidence in its source', certainty: 'Certainty', disputed: 'disputed', independent: 'independent sources',
  back: 'Back', history: 'History', not_found: 'Not found.',
  publish: 'Publish', reject: 'Reject', restore: 'Back to drafts', dispute: 'Mark disputed', undispute: 'Unmark disputed', edit: 'Edit', save: 'Save', cancel: 'Cancel',
  next: 'Next', prev: 'Previous', queue: 'Review queue', queue_empty: 'No drafts are waiting.',
  shortcuts: 'Keys: P publish · R reject · N or J next · K previous · E edit', reason: 'Reason (optional)',
  done_publish: 'Published.', done_reject: 'Rejected.', conflict: 'Someone changed this event meanwhile; reloaded.',
  login: 'Log in', name: 'Name', password: 'Password', login_failed: 'Wrong name or password.',
  tallies_title: 'Reported totals over time', this_period: 'This period', previous_period: 'Previous period', according_to: 'According to', no_tallies: 'No tallies yet.',
  error: 'Something went wrong', lang_switch: 'Русский',
  footer: 'Letopis loads nothing from other sites. Every event links to its sources.',
  types: {
    protest: 'Protest', symbolic: 'Symbolic action', arson: 'Arson', sabotage: 'Sabotage', armed_attack: 'Armed attack', refusal: 'Refusal to serve',
    mutiny: 'Mutiny', desertion: 'Desertion', draft_evasion: 'Draft evasion', self_harm: 'Self-harm', civil_resistance: 'Civil resistance',
    detention: 'Detention', prosecution: 'Prosecution', legislation: 'Legislation', mobilisation: 'Mobilisation',
  } as Record<string, string>,
  count_names: {
    participants: 'participants', detained: 'detained', charged: 'charged', fined: 'fined', sentenced: 'sentenced', killed: 'killed',
    injured: 'injured', soldiers: 'soldiers', people: 'people', facilities: 'facilities', cases: 'cases',
  } as Record<string, string>,
  statuses: { draft: 'draft', published: 'published', rejected: 'rejected' } as Record<string, string>,
  countries: { RU: 'Russia', BY: 'Belarus', UA: 'Ukraine' } as Record<string, string>,
};

type Dict = typeof EN;

const RU: Dict = {
  title: 'Летопись', tagline: 'Проверенная хроника антивоенного сопротивления и репрессий',
  nav_explore: 'Хроника', nav_tallies: 'Сводки', nav_review: 'Проверка', nav_report: 'Отчёт', nav_login: 'Вход для редакторов', nav_logout: 'Выйти',
  local_mode: 'Локальный режим: вы редактор',
  search: 'Найти', search_placeholder: 'Поиск событий (по-русски или по-английски)', all_types: 'Все типы', from: 'С', to: 'По',
  kind: 'Вид', all_kinds: 'События и сводки', incident: 'События', tally: 'Сводки', apply: 'Применить', clear: 'Сбросить фильтры',
  region_filter: 'Регион', remove: 'убрать', status: 'Статус', settlement: 'Город или село', any_certainty: 'Любая достоверность',
  certainties: { reported: 'сообщено', claimed: 'заявлено', rumoured: 'по слухам' },
  timeline: 'События по неделям', map: 'Карта', colour_by: 'Цвет', by_count: 'число', by_rate: 'на 100 тыс. жителей',
  map_hint: 'Нажмите на регион, чтобы отфильтровать всё по нему.', no_data: 'нет событий',
  table: 'События', date: 'Дата', type: 'Тип', place: 'Место', summary: 'Кратко', sources: 'Источники', counts: 'Числа',
  more: 'Показать ещё', shown: (n: number) => `показано ${n}`, total: (n: number) => `найдено событий: ${n}`,
  nothing: 'Нет событий с такими фильтрами.',
  event: 'Событие', evidence: 'Свидетельство в источнике', certainty: 'Достоверность', disputed: 'оспаривается', independent: 'независимых источников',
  back: 'Назад', history: 'История', not_found: 'Не найдено.',
  publish: 'Опубликовать', reject: 'Отклонить', restore: 'Вернуть в черновики', dispute: 'Пометить спорным', undispute: 'Снять пометку', edit: 'Править', save: 'Сохранить', cancel: 'Отмена',
  next: 'Следующее', prev: 'Предыдущее', queue: 'Очередь проверки', queue_empty: 'Черновиков нет.',
  shortcuts: 'Клавиши: P опубликовать · R отклонить · N или J следующее · K предыдущее · E править', reason: 'Причина (необязательно)',
  done_publish: 'Опубликовано.', done_reject: 'Отклонено.', conflict: 'Событие кто-то изменил; загружено заново.',
  login: 'Войти', name: 'Имя', password: 'Пароль', login_failed: 'Неверное имя или пароль.',
  tallies_title: 'Сообщённые итоги во времени', this_period: 'Этот период', previous_period: 'Предыдущий период', according_to: 'По данным', no_tallies: 'Сводок пока нет.',
  error: 'Что-то пошло не так', lang_switch: 'English',
  footer: 'Летопись ничего не загружает с других сайтов. У каждого события есть ссылки на источники.',
  types: {
    protest: 'Протест', symbolic: 'Символическая акция', arson: 'Поджог', sabotage: 'Диверсия', armed_attack: 'Вооружённое нападение', refusal: 'Отказ служить',
    mutiny: 'Бунт', desertion: 'Дезертирство', draft_evasion: 'Уклонение от призыва', self_harm: 'Самоповреждение', civil_resistance: 'Гражданское сопротивление',
    detention: 'Задержание', prosecution: 'Преследование', legislation: 'Законодательство', mobilisation: 'Мобилизация',
  },
  count_names: {
    participants: 'участников', detained: 'задержано', charged: 'обвинено', fined: 'оштрафовано', sentenced: 'осуждено', killed: 'погибло',
    injured: 'ранено', soldiers: 'военных', people: 'человек', facilities: 'объектов', cases: 'дел',
  },
  statuses: { draft: 'черновик', published: 'опубликовано', rejected: 'отклонено' },
  countries: { RU: 'Россия', BY: 'Беларусь', UA: 'Украина' },
};

const DICTS: Record<Lang, Dict> = { en: EN, ru: RU };

function initialLang(): Lang {
  const q = new URLSearchParams(location.search).get('lang');
  if (q === 'en' || q === 'ru') return q;
  try {
    const saved = localStorage.getItem('letopis.lang');
    if (saved === 'en' || saved === 'ru') return saved;
  } catch { /* storage may be off */ }
  return /^(ru|be|uk)\b/i.test(navigator.language) ? 'ru' : 'en';
}

let lang: Lang = initialLang();
export let t: Dict = DICTS[lang];

export function currentLang(): Lang {
  return lang;
}

export function setLang(l: Lang): void {
  lang = l;
  t = DICTS[l];
  document.documentElement.lang = l;
  try {
    localStorage.setItem('letopis.lang', l);
  } catch { /* storage may be off */ }
}

export const typeName = (type: string): string => t.types[type] ?? type;

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', { maximumFractionDigits: 2 }).format(n);
}
