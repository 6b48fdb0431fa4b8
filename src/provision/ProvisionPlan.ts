/** Everything a technician decides when provisioning one handheld; filled from flags or prompts. */
import type { OperatorRole } from '../app/OperatorService.js';

export interface OperatorInput {
  operatorId: string;
  name: string;
  role: OperatorRole;
  /** Clear PIN, hashed (scrypt) before it is stored; never written anywhere in clear. */
  pin?: string;
  /** Or a hash made elsewhere with hashPin (`scrypt$N$r$p$salt$hash`). */
  pinHash?: string;
}

/** A HID device the technician identified (vendor/product ids as lsusb shows them). */
export interface HidChoice {
  role: 'keypad' | 'scanner';
  vendorId: number;
  productId: number;
  usagePage?: number;
  usage?: number;
  interface?: number;
}

export interface ProvisionPlan {
  /** Where saha.json and the copied secrets go (/etc/saha). */
  configDir: string;
  /** The store (/var/lib/saha), created 0700. */
  dataDir: string;
  deviceId: string;
  invoiceSeries: string;
  /** Series of the bilgi fişleri printed for e-Fatura buyers (config infoSlipSeries); never invoiceSeries. */
  infoSlipSeries: string;
  locale?: 'tr' | 'en';
  mqtt: {
    url: string;
    /** Defaults to the device id: the broker ACL (%u) requires user name = device id. */
    username?: string;
    protocolVersion?: 4 | 5;
    servername?: string;
    /** Source files, copied into configDir (secrets with mode 0600). */
    passwordFile?: string;
    /** Or the password itself (typed at the prompt), written to configDir/mqtt.pass (0600). */
    password?: string;
    caFile?: string;
    certFile?: string;
    keyFile?: string;
  };
  printer: { profile: string; port?: string };
  /** Empty: terminal keyboard only. */
  input: HidChoice[];
  /** 'libusb' (exclusive; recommended for wedge scanners) or 'hidraw'. */
  hidDriver?: 'libusb' | 'hidraw';
  operators: OperatorInput[];
  /** Reference data defaults: distributor identity printed on documents, reading rules. */
  reference?: { distributor?: Record<string, string>; reading?: Record<string, unknown> };
  /**
   * Back-office Ed25519 public keys (PEM files named <kid>.pem), copied to configDir/keys; with any
   * given, the device accepts only signed job messages and commands.
   */
  backofficeKeys?: string[];
  /** Encrypt the store at rest with a fresh key in configDir/store.key. */
  encryptStore?: boolean;
  /** chown the written files and the data dir (provisioning as root for the app user). */
  owner?: { uid: number; gid: number };
}
