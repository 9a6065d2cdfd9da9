import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/extract/lang.js';

describe('detectLanguage', () => {
  it('tells the four languages apart', () => {
    expect(detectLanguage('Police detained dozens of protesters in the centre of the city on Sunday evening.')).toBe('en');
    expect(detectLanguage('В воскресенье вечером полиция задержала десятки протестующих в центре города.')).toBe('ru');
    expect(detectLanguage('У неділю ввечері поліція затримала десятки протестувальників у центрі міста.')).toBe('uk');
    expect(detectLanguage('У нядзелю ўвечары міліцыя затрымала дзясяткі пратэстоўцаў у цэнтры горада.')).toBe('be');
  });
  it('uses letters unique to a language', () => {
    expect(detectLanguage('Їжак')).toBe('uk');
    expect(detectLanguage('Ўсё')).toBe('be');
  });
  it('falls back to the script for short texts', () => {
    expect(detectLanguage('Мир')).toBe('ru');
    expect(detectLanguage('Peace')).toBe('en');
    expect(detectLanguage('')).toBe('en');
  });
});
