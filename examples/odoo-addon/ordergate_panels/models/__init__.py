from . import ordergate_service, res_config_settings
