// Fake keys for the benchmarks: two public ones the app ships, ten server-only ones the
// guard must look for in every byte of output (none of them is in it).

/** The ten server-only values, by the variable that holds each. */
const SECRETS = {
  AMPLITUDE_SECRET_KEY: 'd41e8a2c97b35f60e1a4c8b2d7f39e05',
  AMPLITUDE_EU_SECRET_KEY: '7b2e9d4a1c8f3e6b5a0d2c9e4f7a1b38',
  AMPLITUDE_ORG_SECRET: 'f0a3c6e9b2d5f8a1c4e7b0d3f6a9c2e5',
  EXPERIMENT_SERVER_DEPLOYMENT_KEY: 'server-Bt7Kq2Wm9Xc4Rv8Ln3Zs6Hd1Jf5Pg0Ya',
  EXPERIMENT_SERVER_DEPLOYMENT_KEY_EU: 'server-Mx4Tc9Lq2Vb7Nw5Kr8Zd3Hs6Pg1Jf0Ea',
  AMPLITUDE_EXPERIMENT_MANAGEMENT_API_KEY: 'mgmt_Wq8Zt3Lc7Nb2Xv6Kr9Hd4Ps1Jm5Fg0Ua',
  AMPLI_TOKEN: 'ampli_Tz6Hq1Wn8Kc3Xb7Rv2Lm9Ps4Jd5Fg0Ea',
  AMPLITUDE_DATA_API_TOKEN: 'dat_Ry2Kw7Nq4Xt9Lc3Vb8Hm6Ps1Zd5Jg0Fa',
  AMPLITUDE_SCIM_KEY: 'scim_Hc5Tq9Wz2Lx7Nb4Kv8Rm3Pd6Js1Fg0Ya',
  AMPLITUDE_SCIM_KEY_STAGING: 'scim_Lb3Xq8Wt1Nc6Kz9Rv4Hm7Pd2Js5Fg0Ea',
}

export const BENCH_KEYS = {
  secrets: SECRETS,
  /** The app's `.env`: public keys exposed with `VITE_`, secrets for its backend only. */
  env: {
    VITE_AMPLITUDE_API_KEY: '5c2e8a4f1b7d3e9a6c0f2b8d4e1a7c3f',
    VITE_EXPERIMENT_DEPLOYMENT_KEY: 'client-Qw4Er7Ty2Ui9Op3As6Df1Gh8Jk5Lz0Xc',
    ...SECRETS,
  },
}
