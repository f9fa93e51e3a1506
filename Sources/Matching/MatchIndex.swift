import VulnModel
