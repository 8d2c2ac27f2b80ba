// Word lists for the synthetic corpus: titles and names in English, Russian, the four countries'
// languages (Azerbaijani and Uzbek Latin with their diacritics, Tajik Cyrillic, Turkmen), Chinese and
// Thai, so search and sorting are exercised on the scripts the real data holds.

export type FocusCountry = 'AZ' | 'TJ' | 'TM' | 'UZ';

/** Local language of each focus country and its name there. */
export const COUNTRY_TEXT: Record<
  FocusCountry,
  { language: string; en: string; ru: string; local: string; th: string; zh: string }
> = {
  AZ: {
    language: 'az',
    en: 'Azerbaijan',
    ru: 'Азербайджан',
    local: 'Azərbaycan',
    th: 'อาเซอร์ไบจาน',
    zh: '阿塞拜疆',
  },
  TJ: {
    language: 'tg',
    en: 'Tajikistan',
    ru: 'Таджикистан',
    local: 'Тоҷикистон',
    th: 'ทาจิกิสถาน',
    zh: '塔吉克斯坦',
  },
  TM: {
    language: 'tk',
    en: 'Turkmenistan',
    ru: 'Туркменистан',
    local: 'Türkmenistan',
    th: 'เติร์กเมนิสถาน',
    zh: '土库曼斯坦',
  },
  UZ: {
    language: 'uz',
    en: 'Uzbekistan',
    ru: 'Узбекистан',
    local: 'Oʻzbekiston',
    th: 'อุซเบกิสถาน',
    zh: '乌兹别克斯坦',
  },
};

export type City = { country: FocusCountry; en: string; ru: string; local: string; lon: number; lat: number };

const city = (
  country: FocusCountry,
  en: string,
  ru: string,
  local: string,
  lon: number,
  lat: number,
): City => ({
  country,
  en,
  ru,
  local,
  lon,
  lat,
});

/** Cities with their GeoNames coordinates (from shared/data/geonames_cities_az_tj_tm_uz.geojson). */
export const CITIES: readonly City[] = [
  city('AZ', 'Baku', 'Баку', 'Bakı', 49.892, 40.378),
  city('AZ', 'Ganja', 'Гянджа', 'Gəncə', 46.361, 40.683),
  city('AZ', 'Sumgait', 'Сумгаит', 'Sumqayıt', 49.669, 40.59),
  city('AZ', 'Lankaran', 'Ленкорань', 'Lənkəran', 48.851, 38.754),
  city('AZ', 'Yevlakh', 'Евлах', 'Yevlax', 47.15, 40.618),
  city('AZ', 'Mingachevir', 'Мингечевир', 'Mingəçevir', 47.06, 40.764),
  city('AZ', 'Shirvan', 'Ширван', 'Şirvan', 48.929, 39.938),
  city('AZ', 'Nakhchivan', 'Нахчыван', 'Naxçıvan', 45.412, 39.209),
  city('AZ', 'Sheki', 'Шеки', 'Şəki', 47.171, 41.192),
  city('AZ', 'Saatly', 'Саатлы', 'Saatlı', 48.369, 39.932),
  city('TJ', 'Dushanbe', 'Душанбе', 'Душанбе', 68.779, 38.536),
  city('TJ', 'Khujand', 'Худжанд', 'Хуҷанд', 69.622, 40.283),
  city('TJ', 'Kulob', 'Куляб', 'Кӯлоб', 69.785, 37.915),
  city('TJ', 'Bokhtar', 'Бохтар', 'Бохтар', 68.782, 37.834),
  city('TJ', 'Istaravshan', 'Истаравшан', 'Истаравшан', 69.003, 39.914),
  city('TJ', 'Konibodom', 'Канибадам', 'Конибодом', 70.431, 40.294),
  city('TJ', 'Vahdat', 'Вахдат', 'Ваҳдат', 69.014, 38.556),
  city('TJ', 'Tursunzoda', 'Турсунзаде', 'Турсунзода', 68.232, 38.513),
  city('TJ', 'Panjakent', 'Пенджикент', 'Панҷакент', 67.609, 39.495),
  city('TJ', 'Khorugh', 'Хорог', 'Хоруғ', 71.553, 37.49),
  city('TM', 'Ashgabat', 'Ашхабад', 'Aşgabat', 58.383, 37.95),
  city('TM', 'Turkmenabat', 'Туркменабад', 'Türkmenabat', 63.579, 39.073),
  city('TM', 'Dashoguz', 'Дашогуз', 'Daşoguz', 59.967, 41.836),
  city('TM', 'Mary', 'Мары', 'Mary', 61.83, 37.594),
  city('TM', 'Balkanabat', 'Балканабад', 'Balkanabat', 54.367, 39.511),
  city('TM', 'Bayramaly', 'Байрамали', 'Baýramaly', 62.167, 37.619),
  city('TM', 'Turkmenbashi', 'Туркменбаши', 'Türkmenbaşy', 52.955, 40.022),
  city('TM', 'Tejen', 'Теджен', 'Tejen', 60.505, 37.383),
  city('UZ', 'Tashkent', 'Ташкент', 'Toshkent', 69.216, 41.265),
  city('UZ', 'Namangan', 'Наманган', 'Namangan', 71.673, 40.998),
  city('UZ', 'Samarkand', 'Самарканд', 'Samarqand', 66.96, 39.654),
  city('UZ', 'Andijan', 'Андижан', 'Andijon', 72.344, 40.782),
  city('UZ', 'Bukhara', 'Бухара', 'Buxoro', 64.429, 39.775),
  city('UZ', 'Nukus', 'Нукус', 'Nukus', 59.61, 42.453),
  city('UZ', 'Karshi', 'Карши', 'Qarshi', 65.789, 38.861),
  city('UZ', 'Kokand', 'Коканд', 'Qoʻqon', 70.942, 40.529),
  city('UZ', 'Chirchiq', 'Чирчик', 'Chirchiq', 69.582, 41.469),
  city('UZ', 'Fergana', 'Фергана', 'Fargʻona', 71.784, 40.384),
  city('UZ', 'Jizzakh', 'Джизак', 'Jizzax', 67.828, 40.123),
  city('UZ', 'Urgench', 'Ургенч', 'Urganch', 60.633, 41.55),
  city('UZ', 'Termez', 'Термез', 'Termiz', 67.278, 37.224),
  city('UZ', 'Margilan', 'Маргилан', 'Margʻilon', 71.725, 40.472),
  city('UZ', 'Navoi', 'Навои', 'Navoiy', 65.379, 40.084),
  city('UZ', 'Almalyk', 'Алмалык', 'Olmaliq', 69.598, 40.845),
];

/** Event venues outside the four countries. */
export const FOREIGN_VENUES = [
  { en: 'Beijing', ru: 'Пекин', country: 'CN', lon: 116.407, lat: 39.904 },
  { en: 'Shanghai', ru: 'Шанхай', country: 'CN', lon: 121.474, lat: 31.23 },
  { en: 'Urumqi', ru: 'Урумчи', country: 'CN', lon: 87.617, lat: 43.825 },
  { en: "Xi'an", ru: 'Сиань', country: 'CN', lon: 108.94, lat: 34.341 },
  { en: 'Kashgar', ru: 'Кашгар', country: 'CN', lon: 75.99, lat: 39.47 },
  { en: 'Vienna', ru: 'Вена', country: 'AT', lon: 16.373, lat: 48.208 },
  { en: 'Almaty', ru: 'Алматы', country: 'KZ', lon: 76.886, lat: 43.239 },
] as const;

export type Facility = {
  en: string;
  /** Russian, genitive (after «Строительство»…). */
  ru: string;
  /** Azerbaijani, genitive with possessive (…zavodunun). */
  az: string;
  /** Uzbek, accusative (…zavodini). */
  uz: string;
  /** Tajik, as the object of an izofa (Сохтмони …). */
  tg: string;
  /** Turkmen, nominative. */
  tk: string;
  th: string;
  zh: string;
  /** DAC-5 purpose codes that fit, the first the most likely. */
  sectors: readonly string[];
};

export const FACILITIES: readonly Facility[] = [
  {
    en: 'industrial park',
    ru: 'индустриального парка',
    az: 'sənaye parkının',
    uz: 'sanoat parkini',
    tg: 'боғи саноатӣ',
    tk: 'senagat parky',
    th: 'นิคมอุตสาหกรรม',
    zh: '工业园区',
    sectors: ['32120', '32130', '25010', '43010'],
  },
  {
    en: 'cement plant',
    ru: 'цементного завода',
    az: 'sement zavodunun',
    uz: 'sement zavodini',
    tg: 'корхонаи семент',
    tk: 'sement zawody',
    th: 'โรงงานปูนซีเมนต์',
    zh: '水泥厂',
    sectors: ['32120', '32210'],
  },
  {
    en: 'solar power station',
    ru: 'солнечной электростанции',
    az: 'günəş elektrik stansiyasının',
    uz: 'quyosh elektr stansiyasini',
    tg: 'нерӯгоҳи офтобӣ',
    tk: 'gün elektrik stansiýasy',
    th: 'โรงไฟฟ้าพลังงานแสงอาทิตย์',
    zh: '光伏电站',
    sectors: ['23210', '23110', '23630'],
  },
  {
    en: 'hydropower plant',
    ru: 'гидроэлектростанции',
    az: 'su elektrik stansiyasının',
    uz: 'gidroelektr stansiyasini',
    tg: 'нерӯгоҳи барқи обӣ',
    tk: 'gidroelektrik stansiýasy',
    th: 'โรงไฟฟ้าพลังน้ำ',
    zh: '水电站',
    sectors: ['23210', '23630', '14040'],
  },
  {
    en: 'power transmission line',
    ru: 'линии электропередачи',
    az: 'elektrik ötürmə xəttinin',
    uz: 'elektr uzatish liniyasini',
    tg: 'хатти интиқоли барқ',
    tk: 'elektrik geçiriji ulgamy',
    th: 'สายส่งไฟฟ้า',
    zh: '输电线路',
    sectors: ['23630', '23110'],
  },
  {
    en: 'railway section',
    ru: 'железнодорожного участка',
    az: 'dəmir yolu hissəsinin',
    uz: 'temir yoʻl uchastkasini',
    tg: 'қитъаи роҳи оҳан',
    tk: 'demir ýol bölegi',
    th: 'ทางรถไฟ',
    zh: '铁路段',
    sectors: ['21030', '21010'],
  },
  {
    en: 'highway',
    ru: 'автомагистрали',
    az: 'avtomobil yolunun',
    uz: 'avtomobil yoʻlini',
    tg: 'роҳи мошингард',
    tk: 'awtomobil ýoly',
    th: 'ทางหลวง',
    zh: '公路',
    sectors: ['21020', '21010'],
  },
  {
    en: 'logistics hub',
    ru: 'логистического центра',
    az: 'logistika mərkəzinin',
    uz: 'logistika markazini',
    tg: 'маркази логистикӣ',
    tk: 'logistika merkezi',
    th: 'ศูนย์โลจิสติกส์',
    zh: '物流中心',
    sectors: ['21010', '33120', '25010'],
  },
  {
    en: 'textile cluster',
    ru: 'текстильного кластера',
    az: 'toxuculuq klasterinin',
    uz: 'toʻqimachilik klasterini',
    tg: 'кластери нассоҷӣ',
    tk: 'dokma toplumy',
    th: 'คลัสเตอร์สิ่งทอ',
    zh: '纺织产业园',
    sectors: ['32163', '32130', '16020'],
  },
  {
    en: 'water treatment plant',
    ru: 'очистных сооружений',
    az: 'su təmizləyici qurğunun',
    uz: 'suv tozalash inshootini',
    tg: 'иншооти тозакунии об',
    tk: 'suw arassalaýjy desgasy',
    th: 'โรงบำบัดน้ำ',
    zh: '污水处理厂',
    sectors: ['14020', '14010', '41010'],
  },
  {
    en: 'vocational training centre',
    ru: 'центра профессионального обучения',
    az: 'peşə təhsili mərkəzinin',
    uz: 'kasb-hunar taʼlimi markazini',
    tg: 'маркази таълими касбӣ',
    tk: 'hünär okuw merkezi',
    th: 'ศูนย์ฝึกอาชีพ',
    zh: '职业培训中心',
    sectors: ['11330', '16020', '11420'],
  },
  {
    en: 'free economic zone',
    ru: 'свободной экономической зоны',
    az: 'azad iqtisadi zonanın',
    uz: 'erkin iqtisodiy zonani',
    tg: 'минтақаи озоди иқтисодӣ',
    tk: 'erkin ykdysady zolagy',
    th: 'เขตเศรษฐกิจเสรี',
    zh: '自由经济区',
    sectors: ['32110', '33110', '25010'],
  },
  {
    en: 'fertiliser plant',
    ru: 'завода минеральных удобрений',
    az: 'mineral gübrə zavodunun',
    uz: 'mineral oʻgʻitlar zavodini',
    tg: 'корхонаи нуриҳои минералӣ',
    tk: 'mineral dökün zawody',
    th: 'โรงงานปุ๋ย',
    zh: '化肥厂',
    sectors: ['32120', '31120'],
  },
  {
    en: 'agro-processing complex',
    ru: 'агропромышленного комплекса',
    az: 'aqrar emal kompleksinin',
    uz: 'qishloq xoʻjaligi mahsulotlarini qayta ishlash majmuasini',
    tg: 'маҷмааи коркарди маҳсулоти кишоварзӣ',
    tk: 'oba hojalyk önümlerini gaýtadan işleýän toplum',
    th: 'ศูนย์แปรรูปสินค้าเกษตร',
    zh: '农产品加工园',
    sectors: ['32161', '31120', '43073', '31166'],
  },
  {
    en: 'pharmaceutical factory',
    ru: 'фармацевтической фабрики',
    az: 'əczaçılıq fabrikinin',
    uz: 'farmatsevtika fabrikasini',
    tg: 'фабрикаи дорусозӣ',
    tk: 'derman önümleri fabrigi',
    th: 'โรงงานผลิตยา',
    zh: '制药厂',
    sectors: ['32168', '12110'],
  },
  {
    en: 'district hospital',
    ru: 'районной больницы',
    az: 'rayon xəstəxanasının',
    uz: 'tuman shifoxonasini',
    tg: 'беморхонаи ноҳиявӣ',
    tk: 'etrap hassahanasy',
    th: 'โรงพยาบาลประจำอำเภอ',
    zh: '区医院',
    sectors: ['12230', '12220'],
  },
  {
    en: 'fibre-optic backbone',
    ru: 'магистральной волоконно-оптической линии',
    az: 'fiber-optik magistral xəttin',
    uz: 'optik tolali magistral liniyani',
    tg: 'хатти магистралии нахи оптикӣ',
    tk: 'süýümli-optiki magistral ulgamy',
    th: 'โครงข่ายใยแก้วนำแสง',
    zh: '光纤骨干网',
    sectors: ['22040'],
  },
  {
    en: 'copper smelter',
    ru: 'медеплавильного завода',
    az: 'mis əritmə zavodunun',
    uz: 'mis eritish zavodini',
    tg: 'корхонаи гудохтани мис',
    tk: 'mis eredýän zawod',
    th: 'โรงถลุงทองแดง',
    zh: '铜冶炼厂',
    sectors: ['32210', '32120'],
  },
  {
    en: 'SME credit line',
    ru: 'кредитной линии для МСП',
    az: 'KOS kredit xəttinin',
    uz: 'KOB uchun kredit liniyasini',
    tg: 'хатти қарзӣ барои КХМ',
    tk: 'KOK üçin karz ulgamy',
    th: 'วงเงินสินเชื่อวิสาหกิจขนาดกลางและขนาดย่อม',
    zh: '中小企业信贷额度',
    sectors: ['24030', '32130'],
  },
];

/** What a project does to its facility, in each language's form for the templates in generate.ts. */
export type Action = {
  en: string;
  ru: string;
  az: string;
  uz: string;
  tg: string;
  tk: string;
  th: string;
  zh: string;
  weight: number;
};

export const ACTIONS: readonly Action[] = [
  {
    en: 'Construction of the',
    ru: 'Строительство',
    az: 'tikintisi',
    uz: 'qurish',
    tg: 'Сохтмони',
    tk: 'gurluşygy',
    th: 'ก่อสร้าง',
    zh: '建设',
    weight: 40,
  },
  {
    en: 'Modernisation of the',
    ru: 'Модернизация',
    az: 'modernləşdirilməsi',
    uz: 'modernizatsiya qilish',
    tg: 'Навсозии',
    tk: 'döwrebaplaşdyrylmagy',
    th: 'ปรับปรุง',
    zh: '改造',
    weight: 20,
  },
  {
    en: 'Expansion of the',
    ru: 'Расширение',
    az: 'genişləndirilməsi',
    uz: 'kengaytirish',
    tg: 'Васеъкунии',
    tk: 'giňeldilmegi',
    th: 'ขยาย',
    zh: '扩建',
    weight: 15,
  },
  {
    en: 'Feasibility study for the',
    ru: 'ТЭО',
    az: 'texniki-iqtisadi əsaslandırılması',
    uz: 'texnik-iqtisodiy asoslash',
    tg: 'Асосноккунии техникӣ-иқтисодии',
    tk: 'tehniki-ykdysady esaslandyrylmagy',
    th: 'ศึกษาความเป็นไปได้',
    zh: '可行性研究',
    weight: 10,
  },
  {
    en: 'Rehabilitation of the',
    ru: 'Реконструкция',
    az: 'bərpası',
    uz: 'rekonstruksiya qilish',
    tg: 'Барқарорсозии',
    tk: 'durky täzelenmegi',
    th: 'ฟื้นฟู',
    zh: '修复',
    weight: 10,
  },
  {
    en: 'Technical assistance to the',
    ru: 'Техническая помощь для',
    az: 'texniki yardım',
    uz: 'texnik koʻmak koʻrsatish',
    tg: 'Кӯмаки техникӣ ба',
    tk: 'tehniki kömek',
    th: 'ความช่วยเหลือทางวิชาการแก่',
    zh: '技术援助',
    weight: 5,
  },
];

export const DESCRIPTION_OUTPUTS = [
  'new jobs for young people and women',
  'lower energy intensity of local industry',
  'export capacity along the Middle Corridor',
  'a shorter transit time to the Chinese border',
  'certified laboratories and quality infrastructure',
  'reduced water losses and cleaner effluent',
  'skills for operators and maintenance staff',
  'a pipeline of bankable industrial projects',
];

export const DESCRIPTION_RU = [
  'Проект предусматривает создание новых рабочих мест и развитие местной промышленности.',
  'Финансирование предоставлено в рамках инициативы «Пояс и путь».',
  'Ожидается снижение энергоёмкости производства и рост экспорта.',
  'Реализация ведётся совместно с местными органами власти.',
];

/** Parts of the synthetic organisations' names. */
export const CHINESE_PROVINCES = [
  { en: 'Xinjiang', zh: '新疆' },
  { en: 'Shaanxi', zh: '陕西' },
  { en: 'Jiangsu', zh: '江苏' },
  { en: 'Zhejiang', zh: '浙江' },
  { en: 'Sichuan', zh: '四川' },
  { en: 'Hubei', zh: '湖北' },
  { en: 'Shandong', zh: '山东' },
  { en: 'Guangdong', zh: '广东' },
  { en: 'Henan', zh: '河南' },
  { en: 'Yunnan', zh: '云南' },
  { en: 'Gansu', zh: '甘肃' },
  { en: 'Shanghai', zh: '上海' },
  { en: 'Tianjin', zh: '天津' },
  { en: 'Hunan', zh: '湖南' },
] as const;

export const CHINESE_COMPANY_KINDS = [
  { en: 'Road and Bridge Construction Co., Ltd.', zh: '路桥建设有限公司', type: 70 },
  { en: 'Electric Power Engineering Co., Ltd.', zh: '电力工程有限公司', type: 70 },
  { en: 'Railway Engineering Group', zh: '铁路工程集团', type: 70 },
  { en: 'Building Materials Group', zh: '建材集团', type: 70 },
  { en: 'Textile Industry Co., Ltd.', zh: '纺织工业有限公司', type: 70 },
  { en: 'Investment Holding Group', zh: '投资控股集团', type: 70 },
  { en: 'Energy Development Co., Ltd.', zh: '能源开发有限公司', type: 70 },
  { en: 'Chemical Engineering Co., Ltd.', zh: '化学工程有限公司', type: 70 },
  { en: 'International Logistics Co., Ltd.', zh: '国际物流有限公司', type: 70 },
  { en: 'Nonferrous Metals Group', zh: '有色金属集团', type: 70 },
  { en: 'Water Resources Engineering Bureau', zh: '水利工程局', type: 15 },
  { en: 'Provincial Development Fund', zh: '省发展基金', type: 15 },
  { en: 'Overseas Investment Bank', zh: '海外投资银行', type: 70 },
  { en: 'Communications Construction Co., Ltd.', zh: '通信建设有限公司', type: 70 },
] as const;

export const LOCAL_COMPANY_ROOTS: Record<FocusCountry, readonly string[]> = {
  AZ: ['Şərq', 'Xəzər', 'Günəş', 'Yaşıl Vadi', 'Ulduz', 'Qafqaz', 'Araz', 'Göygöl', 'Şahdağ', 'İpək Yolu'],
  TJ: ['Помир', 'Суғд', 'Хатлон', 'Нури Ваҳдат', 'Тоҷ', 'Зарафшон', 'Ҳисор', 'Варзоб', 'Роғун', 'Сомон'],
  TM: [
    'Garagum',
    'Altyn Asyr',
    'Ýaşyl Ýurt',
    'Gündogar',
    'Köpetdag',
    'Lebap',
    'Hazar',
    'Merw',
    'Nusaý',
    'Bereket',
  ],
  UZ: [
    'Sharq',
    'Yangi Davr',
    'Quyosh',
    'Baraka',
    'Zarafshon',
    'Farg‘ona Vodiysi',
    'Oʻrta Osiyo',
    'Turon',
    'Ipak Yoʻli',
    'Navbahor',
  ],
};

export const LOCAL_COMPANY_KINDS: Record<FocusCountry, readonly string[]> = {
  AZ: ['Tikinti MMC', 'Enerji ASC', 'Logistika MMC', 'Sənaye Parkı MMC', 'Aqro MMC'],
  TJ: ['ҶДММ Сохтмон', 'ҶСК Энергия', 'ҶДММ Логистика', 'ҶДММ Агро', 'ҶСК Саноат'],
  TM: ['Gurluşyk HJ', 'Energetika HJ', 'Logistika HK', 'Senagat HJ', 'Oba Hojalyk HJ'],
  UZ: ['Qurilish MChJ', 'Energiya AJ', 'Logistika MChJ', 'Sanoat Klasteri MChJ', 'Agro MChJ'],
};

export const MINISTRIES = [
  { en: 'Ministry of Economy', ru: 'Министерство экономики' },
  { en: 'Ministry of Energy', ru: 'Министерство энергетики' },
  { en: 'Ministry of Transport', ru: 'Министерство транспорта' },
  { en: 'Ministry of Industry', ru: 'Министерство промышленности' },
  { en: 'Ministry of Finance', ru: 'Министерство финансов' },
  { en: 'Ministry of Investment and Foreign Trade', ru: 'Министерство инвестиций и внешней торговли' },
  { en: 'State Committee for Investment', ru: 'Государственный комитет по инвестициям' },
] as const;

export const INTERNATIONAL_FUNDS = [
  { en: 'Silk Road Industrial Cooperation Fund', acronym: 'SRICF', type: 40, country: 'CN' },
  { en: 'Central Asia Green Industry Facility', acronym: 'CAGIF', type: 40, country: null },
  { en: 'Eurasian Connectivity Trust Fund', acronym: 'ECTF', type: 40, country: null },
  { en: 'Caspian Infrastructure Partnership', acronym: 'CIP', type: 30, country: null },
  { en: 'New Silk Road Economic Belt Facility', acronym: 'NSREBF', type: 40, country: null },
  { en: 'Gulf–Central Asia Development Fund', acronym: 'GCADF', type: 40, country: 'KW' },
  { en: 'Korea–Central Asia Cooperation Fund', acronym: 'KCACF', type: 10, country: 'KR' },
  { en: 'Japan Industrial Partnership Programme', acronym: 'JIPP', type: 10, country: 'JP' },
  { en: 'European Sustainable Industry Window', acronym: 'ESIW', type: 40, country: null },
  { en: 'Turkic States Investment Fund', acronym: 'TSIF', type: 40, country: 'TR' },
] as const;
