import { describe, expect, it } from 'vitest';
import { normalizeAgency } from '../src/model/agency.js';

describe('normalizeAgency', () => {
  it.each([
    ['安宁市人民政府办公室', '安宁市人民政府办公室'],
    ['安宁市人民政府办公厅', '安宁市人民政府办公室'],
    ['安宁市政府办公室', '安宁市人民政府办公室'],
    ['安宁市政府办', '安宁市人民政府办公室'],
    ['安宁市人民政府办', '安宁市人民政府办公室'],
    ['安宁市 政府办公厅', '安宁市人民政府办公室'],
    ['汶上县政府', '汶上县人民政府'],
    ['汶上县人民政府', '汶上县人民政府'],
    ['汶上县工业和信息化局', '汶上县工业和信息化局'],
    ['ＸＸ市（区）教育局', 'XX市区教育局'],
    ['“南平市”工信局 ', '南平市工信局'],
  ])('%s → %s', (name, key) => {
    expect(normalizeAgency(name)).toBe(key);
  });

  it('keeps different agencies apart', () => {
    expect(normalizeAgency('安宁市人民政府办公室')).not.toBe(normalizeAgency('安宁市人民政府'));
    expect(normalizeAgency('汶上县工业和信息化局')).not.toBe(normalizeAgency('汶上县交通运输局'));
  });
});
