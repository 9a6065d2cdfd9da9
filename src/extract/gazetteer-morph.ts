/**
 * Token normalisation and case forms of place names in Russian, Ukrainian and Belarusian.
 *
 * The gazetteer stores names in the nominative; at load we generate every case form of each word
 * and map it back to its nominative ("лемма"), so matching is one hash probe per token and never a
 * regex scan. Over-generation (a form no speaker would write) is harmless: it only has to be
 * reachable from a real name. Irregular forms ("в Крыму", "Кривом Роге") are listed in the data.
 */

const LATIN = /[a-z]/;
const CYRILLIC = /[\u0400-\u04ff]/;

/** Folds Latin spelling variants of romanised Slavic names onto one key (Ruzayevka/Ruzaevka, Oryol/Orel, -skiy/-sky). */
function foldLatin(w: string): string {
  let s = /[\u0080-\uffff]/.test(w) ? w.normalize('NFD').replace(/[\u0300-\u036f'’ʼ`´]/g, '') : w.includes("'") || w.includes('`') ? w.replace(/['`]/g, '') : w;
  if (s.length < 3) return s;
  if (s.charCodeAt(0) === 121 /* y */) s = s.replace(/^y[eo]/, 'e');
  if (s.includes('y')) {
    s = s.replace(/([aeiouy])ye|yo|yu|ya/g, (m: string, v?: string) => (v ? v + 'e' : m === 'yo' ? 'e' : m === 'yu' ? 'iu' : 'ia'));
    s = s.replace(/(?:iy|yy|yi|ij|yj)$/, 'y');
  }
  if (s.endsWith('ii')) s = s.slice(0, -2) + 'y';
  return s;
}

/**
 * A word in lower case with ё→е, apostrophes dropped and Latin lookalike letters inside a Cyrillic
 * word mapped to Cyrillic (Telegram posts mix them); Latin spelling variants folded. Case forms
 * are generated from this.
 */
export function normBase(raw: string): string {
  let w = raw.toLowerCase();
  if (w.includes('\u00ad')) w = w.replace(/\u00ad/g, '');
  if (CYRILLIC.test(w)) {
    // "й" typed as и + combining breve (some keyboards and PDF extractions)
    if (/[\u0300-\u036f]/.test(w)) w = w.normalize('NFC');
    let s = w.replace(/ё/g, 'е').replace(/['’ʼ`´]/g, '');
    if (LATIN.test(s)) s = s.replace(/[a-z]/g, (c) => LOOKALIKE[c] ?? c);
    return s;
  }
  return foldLatin(w);
}

/**
 * Folds the letters Russian, Ukrainian and Belarusian spell one sound with (и/і/ї/ы, е/є/э, г/ґ,
 * у/ў) and drops the soft and hard signs, so that "Кизил" finds "Кызыл", "Світлогорськ" finds
 * "Светлогорск", and a Ukrainian spelling of a Russian town matches.
 */
export function cyrFold(s: string): string {
  return /[іїыєэґўьъ]/.test(s) ? s.replace(/[іїы]/g, 'и').replace(/[єэ]/g, 'е').replace(/ґ/g, 'г').replace(/ў/g, 'у').replace(/[ьъ]/g, '') : s;
}

/** The lookup key of one word: normBase() with the Cyrillic letters folded. */
export function normWord(raw: string): string {
  const b = normBase(raw);
  return CYRILLIC.test(b) ? cyrFold(b) : b;
}

const LOOKALIKE: Record<string, string> = {
  a: 'а', c: 'с', e: 'е', i: 'і', o: 'о', p: 'р', x: 'х', y: 'у', k: 'к', m: 'м', t: 'т', h: 'н', b: 'в',
};

export function isCyrillic(w: string): boolean {
  return CYRILLIC.test(w);
}

// ---------------------------------------------------------------------------------------------
// Russian

const RU_VELAR_SIB = 'кгхжшчщ';
const RU_SIB = 'жшчщц';

function ruAdj(w: string): string[] | null {
  const m = /^(.*?)(ый|ий|ой|ая|яя|ое|ее|ые|ие)$/.exec(w);
  if (!m || m[1]!.length < 2) return null;
  const s = m[1]!;
  const last = s[s.length - 1]!;
  const soft = (m[2] === 'ий' || m[2] === 'ее' || m[2] === 'ие' || m[2] === 'яя') && !RU_VELAR_SIB.includes(last);
  if (soft) {
    return ['ий', 'его', 'ему', 'им', 'ем', 'яя', 'ей', 'юю', 'ею', 'ее', 'ие', 'их', 'ими'].map((e) => s + e);
  }
  const y = RU_VELAR_SIB.includes(last) ? 'и' : 'ы';
  const o = RU_SIB.includes(last) ? ['ого', 'его', 'ому', 'ему', 'ом', 'ем', 'ой', 'ей', 'ою', 'ею', 'ое', 'ее'] : ['ого', 'ому', 'ом', 'ой', 'ою', 'ое'];
  return [...o, y + 'й', y + 'м', 'ая', 'ую', y + 'е', y + 'х', y + 'ми', y + 'м'].map((e) => s + e);
}

function ruNoun(w: string): string[] {
  const out = [w];
  const n = w.length;
  if (n < 2) return out;
  const end1 = w[n - 1]!;
  const stem = w.slice(0, -1);
  const prev = w[n - 2]!;
  if (w.endsWith('ия')) {
    out.push(...['и', 'ю', 'ей', 'ею'].map((e) => stem + e));
  } else if (end1 === 'я') {
    out.push(...['и', 'е', 'ю', 'ей', 'ею', 'ям', 'ях'].map((e) => stem + e));
  } else if (end1 === 'а') {
    const y = RU_VELAR_SIB.includes(prev) ? 'и' : 'ы';
    out.push(...[y, 'е', 'у', 'ой', 'ою', 'ей', 'ам', 'ах'].map((e) => stem + e));
  } else if (end1 === 'ь') {
    out.push(...['я', 'ю', 'ем', 'е', 'и', 'ью', 'ём'].map((e) => stem + e));
  } else if (end1 === 'й') {
    out.push(...['я', 'ю', 'ем', 'е', 'и'].map((e) => stem + e));
  } else if (w.endsWith('ье')) {
    out.push(...['ья', 'ью', 'ьем', 'ьи'].map((e) => w.slice(0, -2) + e));
  } else if (end1 === 'о') {
    out.push(...['а', 'у', 'ом', 'е'].map((e) => stem + e));
  } else if (end1 === 'ы') {
    out.push(stem, stem + 'ов', stem + 'ам', stem + 'ами', stem + 'ах');
  } else if (end1 === 'и' && 'кгхжшщч'.includes(prev)) {
    // Plural names (Химки, Мытищи, Великие Луки, Барановичи); Сочи is marked indeclinable in the data.
    out.push(stem, stem + 'ам', stem + 'ами', stem + 'ах', stem + 'ов', stem + 'ей');
  } else if (/[бвгджзклмнпрстфхцчшщ]/.test(end1)) {
    const o = RU_SIB.includes(end1) ? ['а', 'у', 'ем', 'ом', 'е'] : ['а', 'у', 'ом', 'е', 'ым'];
    out.push(...o.map((e) => w + e));
  }
  return out;
}

/** Case forms of one Russian word of a place name (nominative in, all forms out, the nominative included). */
export function ruForms(w: string, opts: { adjective?: boolean; indeclinable?: boolean } = {}): string[] {
  if (opts.indeclinable) return [w];
  const a = opts.adjective !== false ? ruAdj(w) : null;
  if (a && opts.adjective !== undefined) return [w, ...a];
  if (a && w.length > 4) return [w, ...a];
  return ruNoun(w);
}

// ---------------------------------------------------------------------------------------------
// Ukrainian

/** Ukrainian first palatalisation in the dative/locative: к→ц, г→з, х→с (Рузаївка → Рузаївці). */
function ukPal(stem: string): string {
  const last = stem[stem.length - 1];
  if (last === 'к') return stem.slice(0, -1) + 'ц';
  if (last === 'г') return stem.slice(0, -1) + 'з';
  if (last === 'х') return stem.slice(0, -1) + 'с';
  return stem;
}

function ukAdj(w: string): string[] | null {
  const m = /^(.*?)(ий|ій|а|я|е|є|і)$/.exec(w);
  if (!m || m[1]!.length < 2) return null;
  const s = m[1]!;
  if (m[2] === 'ій' || m[2] === 'я' || m[2] === 'є') {
    // Soft: Нижній, Верхня.
    return ['ій', 'ього', 'ьому', 'ім', 'я', 'ьої', 'ю', 'ьою', 'є', 'і', 'іх', 'іми'].map((e) => s + e);
  }
  return ['ий', 'ого', 'ому', 'им', 'ім', 'а', 'ої', 'ій', 'у', 'ою', 'е', 'і', 'их', 'ими'].map((e) => s + e);
}

function ukNoun(w: string): string[] {
  const out = [w];
  const n = w.length;
  if (n < 2) return out;
  const end1 = w[n - 1]!;
  const stem = w.slice(0, -1);
  if (w.endsWith('ія')) {
    out.push(...['ії', 'ію', 'ією', 'ій'].map((e) => w.slice(0, -2) + e));
  } else if (end1 === 'я') {
    // Feminine (Рязань-like -я) and neuter with doubled consonant (Запоріжжя, Закарпаття).
    out.push(...['і', 'ю', 'ею', 'єю', 'ям', 'ях', 'ів'].map((e) => stem + e));
  } else if (end1 === 'а') {
    out.push(stem + 'и', stem + 'і', ukPal(stem) + 'і', stem + 'у', stem + 'ою', stem + 'ах', stem + 'ам');
  } else if (end1 === 'ь') {
    const last = stem[stem.length - 1] ?? '';
    out.push(...['і', 'я', 'ю', 'ем', 'ею', 'ів'].map((e) => stem + e), stem + last + 'ю');
    if (/іль$/.test(w)) out.push(...['оля', 'олю', 'олем', 'олі'].map((e) => w.slice(0, -3) + e));
  } else if (end1 === 'й') {
    out.push(...['я', 'ю', 'єм', 'ї', 'ї'].map((e) => stem + e));
  } else if (end1 === 'о') {
    out.push(...['а', 'у', 'ом', 'і', 'ові'].map((e) => stem + e));
  } else if (end1 === 'е') {
    out.push(...['я', 'ю', 'ем', 'і'].map((e) => stem + e));
  } else if (w.endsWith('ці')) {
    out.push(...['ців', 'цям', 'цями', 'цях'].map((e) => w.slice(0, -2) + e));
  } else if (end1 === 'и' || end1 === 'і') {
    out.push(stem, stem + 'ів', stem + 'ам', stem + 'ами', stem + 'ах');
  } else if (/[бвгґджзклмнпрстфхцчшщ]/.test(end1)) {
    const bases = [w];
    // Vowel alternation in the last syllable: Харків → Харкова, Київ → Києва, Ріг → Рогу.
    if (/ів$/.test(w)) bases.push(w.slice(0, -2) + 'ов');
    if (/їв$/.test(w)) bases.push(w.slice(0, -2) + 'єв');
    if (/і[дтнлрзсг]$/.test(w)) bases.push(w.slice(0, -2) + 'о' + end1, w.slice(0, -2) + 'е' + end1);
    for (const b of bases) out.push(...['а', 'у', 'ом', 'і', 'ові', 'ем', 'ю'].map((e) => b + e), ukPal(b) + 'і');
  }
  return out;
}

/** Case forms of one Ukrainian word of a place name. */
export function ukForms(w: string, opts: { adjective?: boolean; indeclinable?: boolean } = {}): string[] {
  if (opts.indeclinable) return [w];
  if (opts.adjective === true) {
    const a = ukAdj(w);
    return a ? [w, ...a] : ukNoun(w);
  }
  if (opts.adjective === undefined && /(ський|цький|зький|ська|цька|зька|ське|цьке|зьке|ний|ній|на|не)$/.test(w) && w.length > 4) {
    return [w, ...(ukAdj(w) ?? [])];
  }
  return ukNoun(w);
}

/** Belarusian: close enough to take the union of both neighbours' endings plus its own -у/-е locatives. */
export function beForms(w: string, opts: { adjective?: boolean; indeclinable?: boolean } = {}): string[] {
  if (opts.indeclinable) return [w];
  const out = new Set([...ruForms(w, opts), ...ukForms(w, opts)]);
  if (/[бвгдзклмнпрстфхцчшў]$/.test(w)) for (const e of ['а', 'у', 'ам', 'е', 'ы']) out.add(w + e);
  if (w.endsWith('а')) for (const e of ['ы', 'е', 'у', 'ай', 'ою']) out.add(w.slice(0, -1) + e);
  // Belarusian adjectives: Гродзенская → Гродзенскай, Мінскі → Мінскага.
  const adj = /^(.+?)(ая|ы|і|ае|ыя|ія)$/.exec(w);
  if (adj && opts.adjective !== false && w.length > 4) {
    for (const e of ['ай', 'ую', 'аю', 'ага', 'аму', 'ым', 'ім', 'ых', 'іх', 'ымі', 'імі', 'ая', 'ае']) out.add(adj[1] + e);
  }
  return [...out];
}

export type MorphLang = 'ru' | 'uk' | 'be';

const RU_INDECL = /(?:о|е|э|и|у|ю)$/;

/**
 * Inflected word sequences of a multi-word name: each word gets its own forms (agreement is not
 * checked; a wrong combination is simply never written). Returns per-word form lists.
 * The last word of a Ukrainian or Russian name is treated as the head noun; earlier words that
 * look like adjectives decline as adjectives ("Нижний Новгород", "Нова Каховка").
 */
export function phraseForms(words: string[], lang: MorphLang, indeclinable = false): string[][] {
  const n = words.length;
  return words.map((w, i) => {
    if (indeclinable || w.length < 2 || /\d/.test(w)) return [w];
    const last = i === n - 1;
    // Linking words inside names: Ростов-на-Дону, Комсомольск-на-Амуре.
    if (!last && (w === 'на' || w === 'над' || w === 'пад')) return [w];
    if (i > 0 && (words[i - 1] === 'на' || words[i - 1] === 'над')) return [w];
    // Prefix parts of compounds (Усть-Илимск, Ханты-Мансийск, Южно-Сахалинск) do not decline.
    if (!last && /^(усть|ханты|горно|южно|северо|улан|йошкар|старо|ново|верхне|нижне|западно|восточно|кабардино|карачаево|ямало|ивано|сан|санкт|нар|гусь)$/.test(w)) return [w];
    if (lang === 'ru' && last && RU_INDECL.test(w) && !/(ое|ее|ые|ие|ье)$/.test(w) && !w.endsWith('ово') && !w.endsWith('ево') && !w.endsWith('ино') && !w.endsWith('ыно') && !/[кгхжшщч]и$/.test(w)) {
      return [w];
    }
    const adjHint = !last && n > 1 ? true : undefined;
    switch (lang) {
      case 'ru': return ruForms(w, adjHint ? { adjective: true } : {});
      case 'uk': return ukForms(w, adjHint ? { adjective: true } : {});
      case 'be': return beForms(w, adjHint ? { adjective: true } : {});
    }
  });
}
