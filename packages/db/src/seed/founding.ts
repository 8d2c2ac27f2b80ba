/**
 * The founding record: UNIDO's news of 21 April 2018 (published in Thai) on the Director General's
 * visit to Shanghai, the events it reports, the organisations it names and the China-funded UNIDO
 * regional project for the New Silk Road Economic Belt. The article gives no amounts, so no funding
 * row is stored: a figure the source does not give is never invented.
 */

export const FOUNDING_SOURCE_REF = 'seed:unido-news-2018-04-21';

export const foundingSource = {
  externalRef: FOUNDING_SOURCE_REF,
  url: 'https://www.unido.org/news/unido-director-general-strengthens-partnership-belt-and-road-initiative-innovation-and-investment-inclusive-and-sustainable-industrial-development',
  title:
    'UNIDO Director General strengthens partnership with the Belt and Road Initiative on innovation and investment for inclusive and sustainable industrial development',
  publisher: 'United Nations Industrial Development Organization (UNIDO)',
  publishedDate: '2018-04-21',
  language: 'th',
  kind: 'news',
} as const;

type SeedOrganization = {
  key: string;
  name: string;
  nameLocal?: string;
  acronym?: string;
  type: number;
  country?: string;
  iatiRef?: string;
};

export const foundingOrganizations: SeedOrganization[] = [
  {
    key: 'unido',
    name: 'United Nations Industrial Development Organization',
    acronym: 'UNIDO',
    type: 40,
    iatiRef: 'XM-DAC-41123',
  },
  {
    key: 'unido-china',
    name: 'UNIDO Regional Office in China',
    acronym: 'UNIDO China',
    type: 40,
    country: 'CN',
  },
  {
    key: 'itpo-shanghai',
    name: 'UNIDO Investment and Technology Promotion Office Shanghai',
    acronym: 'ITPO Shanghai',
    type: 40,
    country: 'CN',
  },
  {
    key: 'ccpit',
    name: 'China Council for the Promotion of International Trade',
    nameLocal: '中国国际贸易促进委员会',
    acronym: 'CCPIT',
    type: 15,
    country: 'CN',
  },
  {
    key: 'shanghai-commerce',
    name: 'Shanghai Municipal Commission of Commerce',
    nameLocal: '上海市商务委员会',
    type: 11,
    country: 'CN',
  },
  {
    key: 'shanghai-government',
    name: "Shanghai Municipal People's Government",
    nameLocal: '上海市人民政府',
    type: 11,
    country: 'CN',
  },
  {
    key: 'mofcom',
    name: "Ministry of Commerce of the People's Republic of China",
    nameLocal: '中华人民共和国商务部',
    acronym: 'MOFCOM',
    type: 10,
    country: 'CN',
  },
  {
    key: 'most',
    name: "Ministry of Science and Technology of the People's Republic of China",
    nameLocal: '中华人民共和国科学技术部',
    acronym: 'MOST',
    type: 10,
    country: 'CN',
  },
  {
    key: 'sipo',
    name: 'State Intellectual Property Office of China',
    nameLocal: '国家知识产权局',
    acronym: 'SIPO',
    type: 10,
    country: 'CN',
  },
  {
    key: 'china-government',
    name: "Government of the People's Republic of China",
    nameLocal: '中华人民共和国政府',
    type: 10,
    country: 'CN',
  },
];

type SeedEvent = {
  key: string;
  placeName: string;
  country: string;
  lat: number;
  lon: number;
  type: string;
  title: string;
  date: string;
  datePrecision: 'day' | 'month';
  description: string;
  organizations: readonly { key: string; role: string }[];
  linkedToProject: boolean;
};

const SHANGHAI = { placeName: 'Shanghai', country: 'CN', lat: 31.22222, lon: 121.45806 };

/** Days the article states are stored as days; the others only as "April 2018". */
export const foundingEvents: SeedEvent[] = (
  [
    {
      key: 'bri-forum',
      type: 'forum',
      title: "Belt and Road forum on UNIDO's anniversary",
      date: '2018-04-20',
      datePrecision: 'day',
      description:
        "Forum on Belt and Road cooperation held in Shanghai on UNIDO's anniversary, organised with the China Council for the Promotion of International Trade (CCPIT), the Shanghai Commerce Commission and UNIDO's office in China.",
      organizations: [
        { key: 'unido', role: 'co-organiser' },
        { key: 'ccpit', role: 'co-organiser' },
        { key: 'shanghai-commerce', role: 'co-organiser' },
        { key: 'unido-china', role: 'co-organiser' },
      ],
      linkedToProject: true,
    },
    {
      key: 'technology-fair',
      type: 'conference',
      title: 'Opening of the 6th China (Shanghai) International Technology Fair',
      date: '2018-04-21',
      datePrecision: 'day',
      description:
        'Opening ceremony of the 6th China (Shanghai) International Technology Fair, themed "better technology, better life". UNIDO\'s Director General LI Yong spoke on innovation and green technology for sustainable development, especially for developing countries.',
      organizations: [
        { key: 'mofcom', role: 'organiser' },
        { key: 'most', role: 'organiser' },
        { key: 'sipo', role: 'organiser' },
        { key: 'shanghai-government', role: 'organiser' },
        { key: 'unido', role: 'speaker' },
      ],
      linkedToProject: false,
    },
    {
      key: 'meeting-mayor',
      type: 'meeting',
      title: "Bilateral meeting with Shanghai's mayor Ying Yong",
      date: '2018-04-01',
      datePrecision: 'month',
      description:
        "UNIDO's Director General met the Mayor of Shanghai, Ying Yong, during his visit to Shanghai.",
      organizations: [
        { key: 'unido', role: 'participant' },
        { key: 'shanghai-government', role: 'participant' },
      ],
      linkedToProject: false,
    },
    {
      key: 'meeting-mofcom',
      type: 'meeting',
      title: 'Bilateral meeting with Vice Minister of Commerce Wang Bingnan',
      date: '2018-04-01',
      datePrecision: 'month',
      description: "UNIDO's Director General met China's Vice Minister of Commerce, Wang Bingnan.",
      organizations: [
        { key: 'unido', role: 'participant' },
        { key: 'mofcom', role: 'participant' },
      ],
      linkedToProject: false,
    },
    {
      key: 'itpo-visit',
      type: 'visit',
      title: 'Visit to the new UNIDO ITPO Shanghai',
      date: '2018-04-01',
      datePrecision: 'month',
      description:
        "The Director General visited UNIDO's new Investment and Technology Promotion Office (ITPO) in Shanghai.",
      organizations: [
        { key: 'unido', role: 'visitor' },
        { key: 'itpo-shanghai', role: 'host' },
      ],
      linkedToProject: false,
    },
    {
      key: 'bridge-for-cities',
      type: 'forum',
      title: 'BRIDGE for Cities event',
      date: '2018-04-01',
      datePrecision: 'month',
      description:
        "UNIDO's BRIDGE for Cities event on inclusive and sustainable urban-industrial development along the Belt and Road.",
      organizations: [{ key: 'unido', role: 'organiser' }],
      linkedToProject: false,
    },
    {
      key: 'intelligent-manufacturing-centre',
      type: 'launch',
      title: 'Launch of the Shanghai international intelligent-manufacturing promotion centre',
      date: '2018-04-01',
      datePrecision: 'month',
      description: 'Launch of an international promotion centre for intelligent manufacturing in Shanghai.',
      organizations: [{ key: 'unido', role: 'participant' }],
      linkedToProject: false,
    },
    {
      key: 'ceo-conference',
      type: 'conference',
      title: '2018 global CEO conference "Chinese manufacturing and enterprises go global"',
      date: '2018-04-01',
      datePrecision: 'month',
      description: 'Global CEO conference on Chinese manufacturing and Chinese enterprises going global.',
      organizations: [{ key: 'unido', role: 'participant' }],
      linkedToProject: false,
    },
  ] satisfies Omit<SeedEvent, keyof typeof SHANGHAI>[]
).map((event) => ({ ...event, ...SHANGHAI }));

export const FOUNDING_PROJECT_REF = 'seed:new-silk-road-economic-belt';

export const foundingProject = {
  externalRef: FOUNDING_PROJECT_REF,
  title: 'Fostering inclusive and sustainable industrial development in the New Silk Road Economic Belt',
  // The article was published in Thai; the project's name as it reads there.
  titleOriginal: 'การส่งเสริมการพัฒนาอุตสาหกรรมที่ครอบคลุมและยั่งยืนในแถบเศรษฐกิจเส้นทางสายไหมใหม่',
  titleLanguage: 'th',
  description:
    'UNIDO regional project funded by China. It plans industrial corridors and industrial parks in Azerbaijan, Tajikistan, Turkmenistan and Uzbekistan.',
  countries: ['AZ', 'TJ', 'TM', 'UZ'],
  // DAC 32120 Industrial development: the project's stated aim (industrial corridors and parks).
  sectors: ['32120'],
  initiatives: [
    { initiative: 'bri', note: 'Named in the source as a project of the New Silk Road Economic Belt.' },
    { initiative: 'unido', note: 'A UNIDO regional project, as the source states.' },
  ],
  participants: [
    { key: 'china-government', role: 1 },
    { key: 'unido', role: 2 },
    { key: 'unido', role: 4 },
  ],
} as const;
