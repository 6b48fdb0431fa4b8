/**
 * A distributor identity for device-mode test configs: device mode refuses the shipped sample
 * distributor (src/config/loadConfig.ts), so tests that run a device name this one. The tax number
 * passes the VKN check digit (src/core/billing/taxId.ts).
 */
export const TEST_DISTRIBUTOR = {
  title: 'TEST DOĞAL GAZ DAĞITIM A.Ş.',
  address: 'Test Mah. Deneme Cad. No:1 Eskişehir',
  taxOffice: 'Eskişehir V.D.',
  taxNo: '9876543217',
} as const;
