import { describe, expect, it } from 'vitest';
import { only, run } from './helpers.js';

describe('the fifteen codebook types', () => {
  const cases: [string, string][] = [
    ['protest', 'Around 2,000 people protested in Yakutsk on September 25 against the call-up.'],
    ['symbolic', 'An activist in Kaliningrad painted "No war" on the wall of a military enlistment office.'],
    ['arson', 'On the night of October 11, unknown persons set fire to the military enlistment office in Uryupinsk.'],
    ['sabotage', 'Partisans derailed a freight train carrying fuel near Kotlas on May 3.'],
    ['armed_attack', 'On September 26 a young man shot the military commissar at the enlistment office in Ust-Ilimsk.'],
    ['refusal', 'Sixty paratroopers from Pskov refused to go to Ukraine, a lawyer told the newspaper.'],
    ['mutiny', 'Mobilised soldiers mutinied at a training ground near Kazan on October 2.'],
    ['desertion', 'A conscript from Tula deserted from his unit in Belgorod on June 4.'],
    ['draft_evasion', 'On Tuesday 12 men were stopped while trying to cross the border into Romania near Solotvyno.'],
    ['self_harm', 'A man set himself on fire at a bus station in Ryazan on Tuesday, shouting that he would not fight.'],
    ['civil_resistance', 'On March 1 villagers near Konotop blocked a column of Russian tanks with their bodies.'],
    ['detention', 'On Sunday, police in Moscow detained 12 people who laid flowers at a monument.'],
    ['prosecution', 'In October, a court in Krasnodar fined a local blogger 100,000 roubles for a post about the army.'],
    ['legislation', 'The State Duma passed a bill increasing penalties for voluntary surrender to up to 10 years in prison.'],
    ['mobilisation', 'Russia announced a partial mobilisation on September 21, 2022.'],
  ];
  for (const [type, text] of cases) {
    it(type, () => {
      expect(run(text).map((r) => r.type)).toContain(type);
    });
  }
});

describe('incidents and tallies', () => {
  it('a count since the start of the war is a tally with its period', () => {
    const r = only('Mediazona has counted 54 enlistment offices that have been set on fire since the start of the war.', 'arson');
    expect(r).toMatchObject({ kind: 'tally', measure: 'facilities', value: 54, qualifier: 'exact', target: 'enlistment_office' });
    expect(r.date).toMatchObject({ start: '2022-02-24', end: '2022-10-20' });
    expect(r.attribution).toContain('Mediazona');
  });
  it('"by DATE" ends the counted period and keeps the qualifier', () => {
    const r = only('By March 13 the police had arrested about 15,000 people at the rallies.', 'detention', '2022-04-01');
    expect(r).toMatchObject({ kind: 'tally', value: 15000, qualifier: 'about', measure: 'detained' });
    expect(r.date.end).toBe('2022-03-13');
  });
  it('a dated act with a count is an incident with counts', () => {
    const r = only('Around 2,000 people protested in Yakutsk on September 25 against the call-up.', 'protest');
    expect(r).toMatchObject({ kind: 'incident', counts: { participants: 2000 }, date: { start: '2022-09-25', precision: 'day' } });
  });
  it('a count over cities or a period of days is a tally', () => {
    expect(only('Between 24th and 28th of February, more than 6,440 people were detained at rallies across Russia.', 'detention', '2022-03-10'))
      .toMatchObject({ kind: 'tally', value: 6440, qualifier: 'more_than', date: { start: '2022-02-24', end: '2022-02-28' } });
    expect(only('According to one monitor, at least 35 settlements have seen arson attacks on enlistment offices since the start of the war.', 'arson'))
      .toMatchObject({ kind: 'tally', measure: 'cases', value: 35, qualifier: 'at_least' });
  });
  it('vague quantities do not make tallies', () => {
    const r = only('In Tomsk, hundreds of students took part in a rally against the war on March 2.', 'protest');
    expect(r.kind).toBe('incident');
    expect(r.counts).toEqual({});
  });
});

describe('several events in one sentence', () => {
  it('gives each counted act its own record', () => {
    const recs = run('By May 2 the district courts in Perm had heard 410 cases: 300 people were fined, 95 were given short jail terms, and 15 were sentenced to community work.', '2022-05-10');
    expect(recs.filter((r) => r.type === 'prosecution').map((r) => [r.measure, r.value])).toEqual(
      expect.arrayContaining([['cases', 410], ['fined', 300], ['sentenced', 15]]),
    );
  });
  it('splits a number-per-place list', () => {
    const recs = run('According to the monitors, 16 people were detained in Novosibirsk and 8 in Tomsk on March 6.', '2022-03-10');
    expect(recs.map((r) => [r.place.settlement, r.counts.detained])).toEqual([['Novosibirsk', 16], ['Tomsk', 8]]);
  });
  it('keeps a breakdown by article as one tally per article', () => {
    const recs = run('Criminal cases have been opened under several articles — 7 under Article 207.3, 4 under Article 280.3, and 2 on charges of vandalism.', '2022-05-01');
    expect(recs.filter((r) => r.kind === 'tally').map((r) => r.value)).toEqual([7, 4, 2]);
  });
  it('types two acts of different kinds separately', () => {
    const types = run('Police have opened a criminal case against a man who set fire to a draft office in Ryazan.').map((r) => r.type);
    expect(types).toEqual(expect.arrayContaining(['prosecution', 'arson']));
  });
});

describe('one event told several times is one record', () => {
  it('folds a follow-up sentence into the record and widens the evidence', () => {
    const text = 'On March 3 the head of the town of Bilozerka held talks with Russian troops. He persuaded the soldiers to leave the town.';
    const recs = run(text, '2022-04-01');
    expect(recs).toHaveLength(1);
    expect(recs[0]!.evidence.end).toBe(text.length);
  });
  it('does not fold a sentence that announces another event', () => {
    const recs = run('Twenty marines from the 40th Brigade refused to land near Mykolaiv. It has also been reported that soldiers of the 12th Regiment refused to advance.', '2022-04-01');
    expect(recs.filter((r) => r.type === 'refusal')).toHaveLength(2);
  });
});

describe('what is not an event', () => {
  const none = (t: string): void => { expect(run(t)).toEqual([]); };
  it('calls, intentions and generic talk', () => {
    none('The opposition called for protests across the country.');
    none('Most rallies have been peaceful.');
    none('Activists want to stop the war and plan to protest.');
    none('Those who sabotage the railroad save lives.');
  });
  it('negated acts', () => {
    none('In the capital, large-scale mobilisation is not occurring.');
  });
  it('charges name offences, not new events', () => {
    expect(run('A soldier from Omsk is threatened with charges of desertion.').map((r) => r.type)).not.toContain('desertion');
    expect(run('On May 5, 40 people were arrested in Moscow for anti-war protests.', '2022-05-10').map((r) => r.type)).toEqual(['detention']);
  });
  it('the state beating a soldier is not an armed attack by the resistance', () => {
    expect(run('On April 3 a conscript in Omsk was beaten by an officer and left his unit.', '2022-04-20').map((r) => r.type)).toEqual(['desertion']);
  });
  it('questions, headings and boilerplate', () => {
    none('How can people attend street rallies under shelling?');
    none('Protesters detained in Moscow');
    const text = `${'Intro text about the war with nothing to report. '.repeat(10)}\n\nRelated Articles\n\nOn May 3 police detained 40 people in Kazan.`;
    expect(run(text)).toEqual([]);
  });
});

describe('slots', () => {
  it('reported speech: the event is on or before the report', () => {
    const r = only('Back in April, a newspaper reported that a dozen guardsmen from Khakassia had been dismissed for refusing to go to Ukraine.', 'refusal');
    expect(r.date).toMatchObject({ start: '2022-02-24', end: '2022-04-30' });
  });
  it('relative dates follow the paragraph\'s reference day', () => {
    const recs = run('As of March 28, over 340 people had been charged with treason. In the last 24 hours alone, smuggling channels across the border have been exposed in the Chernivtsi region.', '2022-04-01');
    const r = recs.find((x) => x.type === 'draft_evasion')!;
    expect(r.date).toMatchObject({ start: '2022-03-27', end: '2022-03-28' });
  });
  it('certainty: claimed and rumoured', () => {
    expect(only('The Ukrainian side claim that about 300 Russian marines refused to take part in the assault.', 'refusal'))
      .toMatchObject({ certainty: 'claimed', counts: { soldiers: 300 } });
    expect(only('Rumours spread on social media that a whole battalion refused to advance near Bakhmut.', 'refusal').certainty).toBe('rumoured');
  });
  it('actors and targets', () => {
    const r = only('BOAK claimed responsibility for the derailment of a train near Tver on October 3.', 'sabotage');
    expect(r.actors).toContain('BOAK');
    expect(r.target).toBe('railway');
    expect(only('Troops of the Kazan OMON refused to cross into Ukraine on March 2.', 'refusal', '2022-04-01')).toMatchObject({ actors: ['Kazan OMON'], target: 'police' });
  });
  it('attribution', () => {
    expect(only('According to OVD-Info, 16 people were detained in Novosibirsk on March 6.', 'detention', '2022-03-10').attribution).toEqual(['OVD-Info']);
    expect(only('Novaya Gazeta reports that 30 soldiers from Buryatia refused to return to the front in June.', 'refusal').attribution).toContain('Novaya Gazeta');
  });
  it('place: the location, not the destination', () => {
    const r = only('A soldier who deserted from his unit in Belgorod was detained in Voronezh on May 2.', 'detention', '2022-05-10');
    expect(r.place).toMatchObject({ country: 'RU', region: 'RU-VOR', settlement: 'Voronezh' });
  });
});

describe('protest forms and purposes', () => {
  it('signs, chants and clashes make a protest', () => {
    expect(run('Dozens of women gathered in the central square of Nalchik holding placards reading "No to war".').map((r) => r.type)).toEqual(['protest']);
    expect(only('Protesters clashed with police in Makhachkala on September 25.', 'protest').date.start).toBe('2022-09-25');
  });
  it('a slogan is not an event, and "in protest against" is the purpose of another act', () => {
    expect(run('Several hundred people blocked the federal highway near Endirey on Sunday, chanting "No to mobilisation".').map((r) => r.type)).toEqual(['protest']);
    expect(run('A man set himself on fire outside the town hall in Ryazan on May 2 in protest against the war.', '2022-05-10').map((r) => r.type)).toEqual(['self_harm']);
    expect(run('In Yakutsk, about 500 women danced in a circle in protest against the call-up on September 25.').map((r) => r.type)).toEqual(['protest']);
  });
});

describe('more event forms', () => {
  it('shooting inside an enlistment office is an armed attack', () => {
    expect(only('On September 26, a local man opened fire in the enlistment office in Ust-Ilimsk, seriously wounding the commissar.', 'armed_attack'))
      .toMatchObject({ target: 'enlistment_office', date: { start: '2022-09-26' } });
  });
  it('fleeing abroad from the call-up is draft evasion; the announcement itself is background', () => {
    expect(run('Tens of thousands of Russians fled to Georgia and Kazakhstan after the mobilisation was announced.').map((r) => r.type)).toEqual(['draft_evasion']);
  });
  it('forced conscription in occupied territory is mobilisation', () => {
    expect(run('The occupation authorities in the Zaporizhzhia region have started forcibly conscripting local men.').map((r) => r.type)).toEqual(['mobilisation']);
  });
  it('a particular person anchors an undated, unplaced event', () => {
    expect(run('A woman was fined 50,000 roubles for a green ribbon on her bag.').map((r) => r.type)).toEqual(['prosecution']);
  });
  it('generic remarks are not events even next to real ones', () => {
    expect(run('Not all the men who try to leave the country illegally should be considered deserters.')).toEqual([]);
  });
});

describe('the paragraph\'s day', () => {
  it('"that day", "the same day" and "by the end of the day" take the day told before', () => {
    const recs = run('On Sunday, March 6, rallies took place again across the country. The monitors counted 4,640 people detained in 65 cities that day, the most since the invasion began.', '2022-03-07');
    expect(recs.find((r) => r.type === 'detention')).toMatchObject({ kind: 'tally', value: 4640, date: { start: '2022-03-06', end: '2022-03-06' } });
    const b = run('People came out against the war in dozens of cities on February 24. The police detained more than 1,700 people by the end of the day.', '2022-02-25');
    expect(b.find((r) => r.type === 'detention')).toMatchObject({ kind: 'tally', value: 1700, date: { end: '2022-02-24' } });
    const c = run('Villagers in Endirey blocked a highway on September 25. In Makhachkala, women gathered in the city centre the same day.', '2022-09-30');
    expect(c.map((r) => [r.type, r.date.start])).toEqual([['protest', '2022-09-25'], ['protest', '2022-09-25']]);
  });
  it('a day told in a sentence without events still dates what follows', () => {
    const r = run('It was March 6 in Kazan, a cold Sunday. That day, police detained 30 people near the Kremlin.', '2022-03-10');
    expect(r[0]).toMatchObject({ type: 'detention', date: { start: '2022-03-06' } });
  });
});

describe('article habits', () => {
  it('a fire set to railway equipment is sabotage; a claim of responsibility names the actor', () => {
    const recs = run('On the night of October 8, unknown people set fire to a relay cabinet near Kirov. The group Stop the Wagons claimed responsibility.', '2022-10-21');
    expect(recs).toHaveLength(1);
    expect(recs[0]).toMatchObject({ type: 'sabotage', target: 'railway', actors: ['Stop the Wagons'] });
  });
  it('a count over a month or a season is a tally', () => {
    expect(only('In October alone, courts handed down at least 12 prison sentences for anti-war statements.', 'prosecution'))
      .toMatchObject({ kind: 'tally', measure: 'sentenced', value: 12, qualifier: 'at_least', date: { start: '2022-10-01', end: '2022-10-20' } });
    expect(only('More than 500 servicemen have asked the lawyers for help to terminate their contracts since the spring.', 'refusal'))
      .toMatchObject({ kind: 'tally', value: 500, date: { start: '2022-03-01', end: '2022-10-20' } });
  });
  it('the announcement of a mobilisation is dated and credited without the sentence opener', () => {
    const r = only('Since Vladimir Putin announced the "partial" mobilisation on September 21, protest has changed its form.', 'mobilisation');
    expect(r.date.start).toBe('2022-09-21');
    expect(r.attribution).not.toContain('Since Vladimir Putin');
  });
  it('bare words for acts need a predicate', () => {
    expect(run('Street rallies have given way to arson and sabotage.')).toEqual([]);
  });
});

describe('Belarus and the occupied territories', () => {
  it('railway sabotage by Belarusians is placed in Belarus, not in the destination of the trains', () => {
    const r = only('Belarusian railway workers have been sabotaging the trains that carry troops towards Ukraine since the first days of the invasion.', 'sabotage', '2022-06-01');
    expect(r.place.country).not.toBe('UA');
    expect(r.date.start).toBe('2022-02-24');
  });
  it('joins "between late February and mid-March" into one period', () => {
    const r = only('According to the minister, more than 80 acts of sabotage were recorded on the railways between late February and mid-March.', 'sabotage', '2022-06-01');
    expect(r).toMatchObject({ kind: 'tally', value: 80, qualifier: 'more_than', date: { start: '2022-02-21', end: '2022-03-20' } });
  });
  it('abductions by occupying forces are detentions; rallies they disperse are protests', () => {
    const recs = run('On March 21, soldiers used stun grenades to disperse a rally on Freedom Square in Kherson. In Melitopol, the mayor was abducted by Russian forces on March 11.', '2022-06-01');
    expect(recs.map((r) => [r.type, r.date.start])).toEqual([['protest', '2022-03-21'], ['detention', '2022-03-11']]);
  });
  it('a claimed and unverified partisan attack on a train', () => {
    const r = only('Partisans in Melitopol claimed that they had blown up an armoured train in late April; the information could not be verified.', 'sabotage', '2022-06-01');
    expect(r).toMatchObject({ certainty: 'claimed', target: 'railway', date: { start: '2022-04-21', end: '2022-04-30' } });
  });
  it('laws: introducing a penalty and signing into law', () => {
    expect(run('The authorities have introduced the death penalty for attempted acts of terrorism.', '2022-06-01').map((r) => r.type)).toEqual(['legislation']);
  });
});

describe('one event told in the lead and again in the body', () => {
  it('keeps one record for the same count at the same place', () => {
    const text = 'Seventeen soldiers who refused to fight are being held in the Luhansk region, a lawyer says.\n\nThe lawyer, who represents the families, said the 17 soldiers had refused to fight and are being held in the Luhansk region in a basement.';
    expect(run(text).filter((r) => r.type === 'refusal')).toHaveLength(1);
  });
  it('a bare noun pinned to a town is an event', () => {
    expect(run('Anti-war protests in Novosibirsk ended with dozens of detentions on March 6.', '2022-03-10').map((r) => r.type)).toContain('protest');
    expect(run('Most protests in Russia have been spontaneous.')).toEqual([]);
  });
});

describe('a news feature', () => {
  const text = [
    'Madina, 52, says police officers stopped her son outside a shop in Makhachkala on 22 September and handed him a summons on the spot.',
    'When the call-up was announced, anger boiled over. On 25 September, hundreds of people, mostly women, gathered in the centre of Makhachkala. Police detained more than 100 protesters, according to a monitoring group.',
    'The protests in Dagestan were among the largest in the country. In Yakutsk, women held a rally on the same day, and in Nalchik people blocked a road. Thousands of men have fled to neighbouring Georgia and Kazakhstan.',
  ].join('\n\n');
  const recs = run(text, '2022-09-29');
  it('finds each act once, with the day told just before', () => {
    expect(recs.map((r) => [r.type, r.place.settlement, r.date.start])).toEqual([
      ['mobilisation', 'Makhachkala', '2022-09-22'],
      ['protest', 'Makhachkala', '2022-09-25'],
      ['detention', 'Makhachkala', '2022-09-25'],
      ['protest', 'Yakutsk', '2022-09-29'],
      ['protest', 'Nalchik', '2022-09-29'],
      ['draft_evasion', null, '2022-02-24'],
    ]);
  });
  it('places flight abroad in no foreign country', () => {
    expect(recs.at(-1)!.place.country).not.toBe('KZ');
    expect(recs.at(-1)!.place.country).not.toBe('GE');
  });
});

describe('a monitor\'s weekly digest', () => {
  it('counts listed beside a tally are tallies too', () => {
    const recs = run('Since the war began, at least 4,600 administrative cases have been filed for "discrediting" the army, and 101 people are defendants in criminal cases.', '2022-10-19');
    expect(recs.map((r) => [r.kind, r.measure, r.value])).toEqual([['tally', 'cases', 4600], ['tally', 'charged', 101]]);
  });
  it('"earlier" starts another event', () => {
    const recs = run('A court in Samara fined a local deputy 47,000 roubles for an appeal to the president. Earlier, two of his colleagues were fined for the same reason.', '2022-10-19');
    expect(recs.filter((r) => r.type === 'prosecution')).toHaveLength(2);
  });
  it('a sentence is dated by its own day, not by the day of the deed it punishes', () => {
    expect(only('On October 12, a court in Gomel sentenced a railway worker to 14 years for setting fire to a relay cabinet in March.', 'prosecution', '2022-10-19').date.start).toBe('2022-10-12');
  });
});

describe('further forms', () => {
  const types = (t: string): string[] => run(t).map((r) => r.type);
  it('tearing up summonses is draft evasion', () => expect(types('In Omsk, five mobilised men tore up their summonses outside the enlistment office on October 3.')).toEqual(['draft_evasion']));
  it('taken to a police station is a detention', () => expect(types('Twelve protesters were taken to a police station in Tomsk on Saturday.')).toEqual(['detention']));
  it('a suspended sentence and the wanted list are prosecution', () => {
    expect(types('A teacher from Penza received a suspended sentence of five years on Monday.')).toEqual(['prosecution']);
    expect(types('An exiled journalist was put on the wanted list in September.')).toEqual(['prosecution']);
  });
  it('a bomb under a war supporter\'s car is an armed attack', () => expect(types('An explosive device went off under the car of a pro-war blogger in Moscow on August 20.')).toEqual(['armed_attack']));
});

describe('lists', () => {
  it('items take the day of the line that introduces them', () => {
    const recs = run('Detentions on Sunday, March 6:\n• In Kazan police detained 12 people at a rally\n• In Ufa 7 people were detained', '2022-03-07');
    expect(recs.map((r) => [r.place.settlement, r.counts.detained, r.date.start])).toEqual([['Kazan', 12, '2022-03-06'], ['Ufa', 7, '2022-03-06']]);
  });
});

describe('a poster on air', () => {
  it('is a protest', () => {
    expect(only('On March 14 a TV editor ran into the studio during the evening news with a poster against the war.', 'protest', '2022-03-16').date.start).toBe('2022-03-14');
  });
});

describe('a wire report over two paragraphs', () => {
  it('carries the day across, counts cities as a tally, and splits per-city figures', () => {
    const text = 'Protests against the call-up took place in 38 Russian cities in the evening of September 21.\n\nPolice detained at least 1,311 people, the monitors said. The largest numbers were in St Petersburg, with 524 detentions, and in Moscow, with 502.';
    const recs = run(text, '2022-09-22');
    expect(recs[0]).toMatchObject({ kind: 'tally', type: 'protest', measure: 'cases', value: 38 });
    expect(recs.slice(1).map((r) => [r.place.settlement, r.counts.detained, r.date.start])).toEqual([
      [null, 1311, '2022-09-21'], ['Saint Petersburg', 524, '2022-09-21'], ['Moscow', 502, '2022-09-21'],
    ]);
  });
});
