import { clean2019Report, cleanReport, edit } from '../report-builder.js';
import { testRule } from '../rule-tester.js';

testRule('template-outdated', 'error', {
  valid: [
    { name: 'a clean 2021-template report on 2022', report: cleanReport() },
    { name: 'a 2019-template report on 2020 is not outdated', report: clean2019Report(2020) },
    { name: 'a 2019-template report on 2019', report: clean2019Report(2019) },
    { name: 'a 2021-template report on 2020 (adopted early)', report: cleanReport(2020) },
    {
      name: 'a report whose year is unknown is not called outdated',
      report: edit((report) => {
        report.meta.year = null;
      }, () => clean2019Report(2022)),
    },
    {
      name: 'a report whose template was not recognised is not called outdated',
      report: edit((report) => {
        report.template = null;
      }),
    },
  ],
  invalid: [
    {
      name: 'a 2019-template report on 2021, the first year of the new template',
      report: clean2019Report(2021),
      findings: [
        {
          message: '2021 年度报告仍使用 2019 年版格式（国办公开办函〔2019〕60号）的统计表，应改用国办公开办函〔2021〕30号规定的格式',
          cells: [],
          section: 2,
        },
      ],
    },
    {
      name: 'a 2019-template report on 2023',
      report: clean2019Report(2023),
      findings: [
        {
          message: '2023 年度报告仍使用 2019 年版格式（国办公开办函〔2019〕60号）的统计表，应改用国办公开办函〔2021〕30号规定的格式',
          cells: [],
          section: 2,
        },
      ],
    },
  ],
});
